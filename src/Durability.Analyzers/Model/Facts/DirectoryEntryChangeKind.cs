namespace Durability.Analyzers.Model;

/// <summary>How a call changes a directory's entries.</summary>
internal enum DirectoryEntryChangeKind
{
    Creation,
    Rename,
    Deletion,
}
