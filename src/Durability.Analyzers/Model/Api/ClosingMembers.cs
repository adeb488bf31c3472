using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Members that close a file for good: Dispose, DisposeAsync, Close, Shutdown, a service's Stop (IHostedService.StopAsync)
/// and finalizers. An fsync there protects nothing written before a power cut that comes first, and batch counters mean
/// nothing afterwards.
/// </summary>
internal static class ClosingMembers
{
    public static bool IsClosing(ISymbol? member) =>
        member is IMethodSymbol method &&
        (method.MethodKind == MethodKind.Destructor ||
         method.Name is "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" or "DisposeCore" or "DisposeAsyncCore" or
             "Shutdown" or "ShutdownAsync" or "Stop" or "StopAsync");
}
