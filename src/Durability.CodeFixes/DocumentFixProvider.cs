using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Durability.CodeFixes;

/// <summary>
/// What every Durability fixer shares: one code action per fixable diagnostic under the rule's single
/// equivalence key, and Fix All that applies a whole document's diagnostics in one edit, so fixes that
/// touch the same lines (a using directive, neighbouring inserts) never conflict.
/// </summary>
public abstract class DocumentFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of every action: the rule ID, so Fix All and dotnet format apply every kind of fix at once.</summary>
    protected abstract string EquivalenceKey { get; }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(EquivalenceKey);

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var runtimeAvailable = RuntimeCalls.IsAvailable(compilation);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TitleFor(diagnostic, root, runtimeAvailable) is not { } title)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, async ct => await FixDocumentAsync(document, ImmutableArray.Create(diagnostic), ct).ConfigureAwait(false) ?? document, EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The action's title for <paramref name="diagnostic"/>, or null when no fix applies to it.</summary>
    protected abstract string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable);

    /// <summary>Fixes every diagnostic of <paramref name="diagnostics"/> that has a fix, all in one document.</summary>
    protected abstract Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

    /// <summary>The diagnostic property <paramref name="name"/>, through which the analyzer tells the fix what to do; null when absent.</summary>
    protected static string? Property(Diagnostic diagnostic, string name) =>
        diagnostic.Properties.TryGetValue(name, out var value) ? value : null;
}
