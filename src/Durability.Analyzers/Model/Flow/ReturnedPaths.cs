using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A method that hands back the path of a file it wrote or created gives the file to its caller, which renames, sends,
/// reads back or fsyncs it: the file's durability is decided there (a rename of it is checked with the helper's writes).
/// </summary>
internal static class ReturnedPaths
{
    /// <summary>Whether a <c>return</c> in <paramref name="body"/> hands back the path of <paramref name="file"/>.</summary>
    public static bool Returns(IOperation body, FileIdentity file)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && FileIdentity.IsPathType(returned.Type) && FileIdentity.Of(returned) == file)
            {
                return true;
            }
        }

        return false;
    }
}
