using System.Collections.Immutable;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Tests.Verification;

/// <summary>A deliberately wrong DUR001 fix for the verifier's self-tests: replaces the flagged text with <see cref="Replacement"/>.</summary>
public abstract class RewritingFix : CodeFixProvider
{
    protected abstract string Replacement { get; }

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.FlushWithoutFsync);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        context.RegisterCodeFix(
            CodeAction.Create("Rewrite", async ct =>
            {
                var text = await context.Document.GetTextAsync(ct);
                return context.Document.WithText(text.WithChanges(new TextChange(diagnostic.Location.SourceSpan, Replacement)));
            }, "Rewrite"),
            diagnostic);
        return Task.CompletedTask;
    }
}
