using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR002 by inserting <c>Fsync.ParentDirectory(path);</c>, or <c>Fsync.Directory(dir);</c> for a path built by
/// <c>Path.Combine(dir, name)</c>, right after the statement that creates, renames or deletes the entry (for a
/// rename across directories, one per directory). Fix All does not
/// insert the same sync twice in a row: consecutive changes in one directory share the last one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsyncedDirectoryEntryCodeFixProvider)), Shared]
public sealed class UnsyncedDirectoryEntryCodeFixProvider : DocumentFixProvider
{
    private const string Title = "Fsync the parent directory";

    private const string WrapTitle = "Fsync the parent directory with Fsync.Created";

    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.UnsyncedDirectoryEntry;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable) =>
        !runtimeAvailable ? null
        : PlanInsert(root, diagnostic) is not null || PlanBlock(root, diagnostic) is not null || PlanBody(root, diagnostic) is not null ? Title
        : PlanWrap(root, diagnostic) is not null ? WrapTitle
        : null;

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var original = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (original is null || model is null || !RuntimeCalls.IsAvailable(model.Compilation))
        {
            // The fix calls Durability.Runtime; without it the output would not compile.
            return document;
        }

        // Creations with no statement to follow them are marked first (text and spans unchanged), wrapped last,
        // so that the statement inserts below, which rebuild whole blocks, keep them.
        // A fresh kind of mark each time: annotations stay in the document, and an old one would wrap its node again.
        // The mark carries the type a target-typed new(...) must spell out, read here while the node is in the model's tree.
        var wrapKind = "Durability.WrapCreated/" + System.Guid.NewGuid().ToString("N");
        var wraps = diagnostics.Where(d => PlanInsert(original, d) is null && PlanBlock(original, d) is null && PlanBody(original, d) is null)
            .Select(d => PlanWrap(original, d)).OfType<ExpressionSyntax>().ToList();
        var blocks = new Dictionary<StatementSyntax, List<string>>();
        var bodies = new Dictionary<SyntaxNode, List<string>>();
        foreach (var diagnostic in diagnostics)
        {
            if (PlanBlock(original, diagnostic) is { } block)
            {
                if (!blocks.TryGetValue(block.Embedded, out var lines))
                {
                    blocks.Add(block.Embedded, lines = new List<string>());
                }

                lines.AddRange(block.Lines.Where(line => !lines.Contains(line)));
            }
        }

        foreach (var diagnostic in diagnostics)
        {
            if (PlanBody(original, diagnostic) is { } body)
            {
                if (!bodies.TryGetValue(body.Member, out var lines))
                {
                    bodies.Add(body.Member, lines = new List<string>());
                }

                lines.AddRange(body.Lines.Where(line => !lines.Contains(line)));
            }
        }

        var blockKind = wrapKind + "/block";
        var bodyKind = wrapKind + "/body";
        var root = original.ReplaceNodes(
            wraps.Cast<SyntaxNode>().Concat(blocks.Keys).Concat(bodies.Keys),
            (node, _) => node is StatementSyntax embedded && blocks.TryGetValue(embedded, out var added)
                ? node.WithAdditionalAnnotations(new SyntaxAnnotation(blockKind, string.Join("\n", added)))
                : bodies.TryGetValue(node, out var syncs)
                    ? node.WithAdditionalAnnotations(new SyntaxAnnotation(bodyKind, string.Join("\n", syncs)))
                    : node.WithAdditionalAnnotations(new SyntaxAnnotation(wrapKind, SpelledType(node, model))));
        var inserts = new Dictionary<StatementSyntax, List<string>>();
        foreach (var diagnostic in diagnostics)
        {
            if (PlanInsert(root, diagnostic) is not { } plan)
            {
                continue;
            }

            if (!inserts.TryGetValue(plan.After, out var lines))
            {
                inserts.Add(plan.After, lines = new List<string>());
            }

            lines.AddRange(plan.Lines.Where(line => !lines.Contains(line)));
        }

        DropRepeatsOfTheNextInsert(inserts);
        if (inserts.Count == 0 && wraps.Count == 0 && blocks.Count == 0 && bodies.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(
            inserts.Keys.Select(statement => (SyntaxNode)statement.Parent!).Distinct(),
            (parent, _) => InsertInto(parent, inserts));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(wrapKind).OfType<ExpressionSyntax>(),
            (creation, _) => WrapInCreated(creation.WithoutAnnotations(wrapKind), creation.GetAnnotations(wrapKind).First().Data));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(blockKind).OfType<StatementSyntax>(),
            (embedded, _) => RuntimeCalls.BlockWith(embedded.WithoutAnnotations(blockKind), embedded.GetAnnotations(blockKind).First().Data!.Split('\n')));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(bodyKind),
            (member, _) => WithBlockBody(member.WithoutAnnotations(bodyKind), member.GetAnnotations(bodyKind).First().Data!.Split('\n')));
        var changed = document.WithSyntaxRoot(RuntimeCalls.AddUsingIfMissing(newRoot));
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // The type of a target-typed new(...), as the code at that place would write it; null for anything else.
    private static string? SpelledType(SyntaxNode creation, SemanticModel model) =>
        creation is ImplicitObjectCreationExpressionSyntax && model.GetTypeInfo(creation).Type is { } type
            ? type.ToMinimalDisplayString(model, creation.SpanStart)
            : null;

    // Fsync.Created(creation); a target-typed new(...) gets its type spelled out, since Created has two overloads.
    private static ExpressionSyntax WrapInCreated(ExpressionSyntax creation, string? spelledType)
    {
        var argument = creation.WithoutTrivia();
        if (creation is ImplicitObjectCreationExpressionSyntax implicitCreation && spelledType is not null)
        {
            argument = SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.ParseTypeName(spelledType),
                implicitCreation.ArgumentList,
                implicitCreation.Initializer);
        }

        return SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName("Fsync"), SyntaxFactory.IdentifierName("Created")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))))
            .WithTriviaFrom(creation);
    }

    // A FileStream or StreamWriter created where no statement can follow: the creation itself.
    private static ExpressionSyntax? PlanWrap(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.WrapCreatedProperty))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionSyntax>(e => e.Span == diagnostic.Location.SourceSpan) is { } creation &&
               creation is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax
            ? creation
            : null;
    }

    // File.Delete(a); File.Delete(b); in one directory gets one sync, after the second.
    private static void DropRepeatsOfTheNextInsert(Dictionary<StatementSyntax, List<string>> inserts)
    {
        foreach (var entry in inserts.ToList())
        {
            var statement = entry.Key;
            var lines = entry.Value;
            var next = StatementLists.Next(statement);
            if (next is null)
            {
                continue;
            }

            lines.RemoveAll(line => (inserts.TryGetValue(next, out var following) && following.Contains(line)) || next.ToString() == line);
            if (lines.Count == 0)
            {
                inserts.Remove(statement);
            }
        }
    }

    private static SyntaxNode InsertInto(SyntaxNode parent, Dictionary<StatementSyntax, List<string>> inserts) =>
        StatementLists.Rewrite(parent, statement =>
        {
            var original = inserts.Keys.FirstOrDefault(k => k.Span == statement.Span && k.Parent!.Span == parent.Span);
            return original is null
                ? new[] { statement }
                : new[] { statement }.Concat(inserts[original].Select(line => RuntimeCalls.StatementLike(statement, line)));
        });

    private static (StatementSyntax After, List<string> Lines)? PlanInsert(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnsyncedDirectoryEntryAnalyzer.SyncCallsProperty, out var calls) || string.IsNullOrEmpty(calls))
        {
            return null;
        }

        var lines = calls!.Split('\n').Select(call => call + ";").ToList();
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<StatementSyntax>();

        // An embedded statement (if (x) File.Delete(p);) cannot take a statement after it: the sync goes after the loop
        // around it when it names nothing the loop declares (one fsync for all), and otherwise into a new block (PlanBlock).
        while (statement is not null && !RuntimeCalls.CanInsertAfter(statement))
        {
            if (!RuntimeCalls.IsEmbedded(statement) || statement.Parent is not StatementSyntax host ||
                !(host is CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or UsingStatementSyntax or LockStatementSyntax) ||
                MentionsDeclaredBy(host, lines))
            {
                return null;
            }

            statement = host;
        }

        if (statement is null or ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
        {
            return null;
        }

        return (statement, lines);
    }

    // An embedded statement that no sync can follow otherwise, and the syncs to put with it in a new block.
    private static (StatementSyntax Embedded, List<string> Lines)? PlanBlock(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnsyncedDirectoryEntryAnalyzer.SyncCallsProperty, out var calls) || string.IsNullOrEmpty(calls) ||
            PlanInsert(root, diagnostic) is not null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<StatementSyntax>() is { } statement && RuntimeCalls.IsEmbedded(statement) &&
               statement is not (ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
            ? (statement, calls!.Split('\n').Select(call => call + ";").ToList())
            : null;
    }

    // A void member with an expression body (void Seal() => File.Move(a, b);): it becomes a block so the sync can follow.
    private static (SyntaxNode Member, List<string> Lines)? PlanBody(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnsyncedDirectoryEntryAnalyzer.SyncCallsProperty, out var calls) || string.IsNullOrEmpty(calls) ||
            PlanInsert(root, diagnostic) is not null || PlanBlock(root, diagnostic) is not null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<StatementSyntax>() is not null || node.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is not { } arrow)
        {
            return null;
        }

        var returnsVoid = arrow.Parent switch
        {
            MethodDeclarationSyntax method => method.ReturnType is PredefinedTypeSyntax { Keyword.ValueText: "void" },
            LocalFunctionStatementSyntax function => function.ReturnType is PredefinedTypeSyntax { Keyword.ValueText: "void" },
            ConstructorDeclarationSyntax => true,
            AccessorDeclarationSyntax accessor => accessor.Keyword.ValueText is "set" or "init" or "add" or "remove",
            _ => false,
        };
        return returnsVoid ? (arrow.Parent!, calls!.Split('\n').Select(call => call + ";").ToList()) : null;
    }

    private static SyntaxNode WithBlockBody(SyntaxNode member, IEnumerable<string> lines)
    {
        var arrow = member switch
        {
            BaseMethodDeclarationSyntax method => method.ExpressionBody,
            LocalFunctionStatementSyntax function => function.ExpressionBody,
            AccessorDeclarationSyntax accessor => accessor.ExpressionBody,
            _ => null,
        };
        if (arrow is null)
        {
            return member;
        }

        var body = RuntimeCalls.BlockWith(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()), lines);
        return member switch
        {
            BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            LocalFunctionStatementSyntax function => function.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            _ => member,
        };
    }

    // True when a sync line names a variable the loop (or using, or lock) declares: it cannot move out of it.
    private static bool MentionsDeclaredBy(StatementSyntax host, List<string> lines)
    {
        var declared = host switch
        {
            ForEachStatementSyntax forEach => new[] { forEach.Identifier.ValueText },
            ForEachVariableStatementSyntax deconstruction => deconstruction.Variable.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToArray(),
            ForStatementSyntax @for => @for.Declaration?.Variables.Select(v => v.Identifier.ValueText).ToArray() ?? System.Array.Empty<string>(),
            UsingStatementSyntax @using => @using.Declaration?.Variables.Select(v => v.Identifier.ValueText).ToArray() ?? System.Array.Empty<string>(),
            _ => System.Array.Empty<string>(),
        };
        return lines.Any(line => SyntaxFactory.ParseExpression(line.TrimEnd(';')).DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && declared.Contains(t.ValueText)));
    }
}
