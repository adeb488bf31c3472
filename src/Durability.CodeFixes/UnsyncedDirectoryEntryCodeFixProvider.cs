using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
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
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable)
    {
        if (ReplacingRenameFix.Plan(root, diagnostic) is { } plan)
        {
            return ReplacingRenameFix.TitleOf(plan.Edit);
        }

        if (!runtimeAvailable)
        {
            return null;
        }

        var syncs = DirectorySyncCall.ReadFrom(diagnostic, CancellationToken.None);
        return PlanInsert(root, diagnostic, syncs) is not null || PlanBlock(root, diagnostic, syncs) is not null || PlanBody(root, diagnostic, syncs) is not null ? Title
            : PlanWrap(root, diagnostic) is not null ? WrapTitle
            : null;
    }

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        // A deletion before the rename that replaces it is fixed by editing both; they are marked first so that the
        // directory syncs inserted in the same pass (which rebuild blocks) keep them, and edited last.
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var replaces = diagnostics.Where(d => ReplacingRenameFix.Plan(root, d) is not null).ToImmutableArray();
        if (replaces.IsEmpty)
        {
            return await FixSyncsAsync(document, diagnostics, cancellationToken).ConfigureAwait(false);
        }

        var kind = "Durability.ReplacingRename/" + System.Guid.NewGuid().ToString("N");
        var marked = document.WithSyntaxRoot(ReplacingRenameFix.Mark(root, replaces, kind));
        var synced = await FixSyncsAsync(marked, diagnostics.RemoveRange(replaces), cancellationToken).ConfigureAwait(false) ?? marked;
        return await ReplacingRenameFix.ApplyMarkedAsync(synced, kind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Document?> FixSyncsAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (diagnostics.IsEmpty)
        {
            return document;
        }

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
        var generator = SyntaxGenerator.GetGenerator(document);
        var syncsOf = diagnostics.ToDictionary(d => d, d => DirectorySyncCall.ReadFrom(d, cancellationToken));
        var wraps = diagnostics.Where(d => PlanInsert(original, d, syncsOf[d]) is null && PlanBlock(original, d, syncsOf[d]) is null && PlanBody(original, d, syncsOf[d]) is null)
            .Select(d => PlanWrap(original, d)).OfType<ExpressionSyntax>().ToList();
        var blocks = new Dictionary<StatementSyntax, List<DirectorySyncCall>>();
        var bodies = new Dictionary<SyntaxNode, List<DirectorySyncCall>>();
        foreach (var diagnostic in diagnostics)
        {
            if (PlanBlock(original, diagnostic, syncsOf[diagnostic]) is { } block)
            {
                AddNew(blocks, block.Embedded, block.Syncs);
            }
        }

        foreach (var diagnostic in diagnostics)
        {
            if (PlanBody(original, diagnostic, syncsOf[diagnostic]) is { } body)
            {
                AddNew(bodies, body.Member, body.Syncs);
            }
        }

        // Blocks and bodies are marked by an index into these lists, so the syncs survive the inserts below.
        var blockSyncs = blocks.Values.ToList();
        var bodySyncs = bodies.Values.ToList();
        var blockKind = wrapKind + "/block";
        var bodyKind = wrapKind + "/body";
        var root = original.ReplaceNodes(
            wraps.Cast<SyntaxNode>().Concat(blocks.Keys).Concat(bodies.Keys),
            (node, _) => node is StatementSyntax embedded && blocks.TryGetValue(embedded, out var added)
                ? node.WithAdditionalAnnotations(new SyntaxAnnotation(blockKind, blockSyncs.IndexOf(added).ToString(CultureInfo.InvariantCulture)))
                : bodies.TryGetValue(node, out var syncs)
                    ? node.WithAdditionalAnnotations(new SyntaxAnnotation(bodyKind, bodySyncs.IndexOf(syncs).ToString(CultureInfo.InvariantCulture)))
                    : node.WithAdditionalAnnotations(new SyntaxAnnotation(wrapKind, SpelledType(node, model))));
        var inserts = new Dictionary<StatementSyntax, List<DirectorySyncCall>>();
        foreach (var diagnostic in diagnostics)
        {
            if (PlanInsert(root, diagnostic, syncsOf[diagnostic]) is { } plan)
            {
                AddNew(inserts, plan.After, plan.Syncs);
            }
        }

        DropRepeatsOfTheNextInsert(inserts, generator);
        if (inserts.Count == 0 && wraps.Count == 0 && blocks.Count == 0 && bodies.Count == 0)
        {
            return document;
        }

        List<StatementSyntax> Statements(IEnumerable<DirectorySyncCall> syncs) => syncs.Select(sync => sync.ToStatement(generator)).ToList();
        List<DirectorySyncCall> Marked(SyntaxNode node, string kind, List<List<DirectorySyncCall>> marked) =>
            marked[int.Parse(node.GetAnnotations(kind).First().Data!, CultureInfo.InvariantCulture)];

        var newRoot = root.ReplaceNodes(
            inserts.Keys.Select(statement => (SyntaxNode)statement.Parent!).Distinct(),
            (parent, _) => InsertInto(parent, inserts, generator));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(wrapKind).OfType<ExpressionSyntax>(),
            (creation, _) => WrapInCreated(creation.WithoutAnnotations(wrapKind), creation.GetAnnotations(wrapKind).First().Data));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(blockKind).OfType<StatementSyntax>(),
            (embedded, _) => RuntimeCalls.BlockWith(embedded.WithoutAnnotations(blockKind), Statements(Marked(embedded, blockKind, blockSyncs))));
        newRoot = newRoot.ReplaceNodes(
            newRoot.GetAnnotatedNodes(bodyKind),
            (member, _) => ArrowBodies.WithBlockBody(member.WithoutAnnotations(bodyKind), System.Array.Empty<StatementSyntax>(), Statements(Marked(member, bodyKind, bodySyncs))));
        var changed = document.WithSyntaxRoot(newRoot);
        changed = await RuntimeCalls.WithRuntimeImportsAsync(changed, cancellationToken).ConfigureAwait(false);
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
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, RuntimeCalls.RuntimeType("Fsync"), SyntaxFactory.IdentifierName("Created")),
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

    // Adds the syncs not already listed for the key.
    private static void AddNew<TKey>(Dictionary<TKey, List<DirectorySyncCall>> plans, TKey key, IReadOnlyList<DirectorySyncCall> syncs)
        where TKey : SyntaxNode
    {
        if (!plans.TryGetValue(key, out var listed))
        {
            plans.Add(key, listed = new List<DirectorySyncCall>());
        }

        listed.AddRange(syncs.Where(sync => !listed.Contains(sync)));
    }

    // File.Delete(a); File.Delete(b); in one directory gets one sync, after the second.
    private static void DropRepeatsOfTheNextInsert(Dictionary<StatementSyntax, List<DirectorySyncCall>> inserts, SyntaxGenerator generator)
    {
        foreach (var entry in inserts.ToList())
        {
            var statement = entry.Key;
            var syncs = entry.Value;
            var next = StatementLists.Next(statement);
            if (next is null)
            {
                continue;
            }

            syncs.RemoveAll(sync => (inserts.TryGetValue(next, out var following) && following.Contains(sync)) || sync.IsWrittenAs(next, generator));
            if (syncs.Count == 0)
            {
                inserts.Remove(statement);
            }
        }
    }

    private static SyntaxNode InsertInto(SyntaxNode parent, Dictionary<StatementSyntax, List<DirectorySyncCall>> inserts, SyntaxGenerator generator) =>
        StatementLists.Rewrite(parent, statement =>
        {
            var original = inserts.Keys.FirstOrDefault(k => k.Span == statement.Span && k.Parent!.Span == parent.Span);
            return original is null
                ? new[] { statement }
                : new[] { statement }.Concat(inserts[original].Select(sync => RuntimeCalls.StatementLike(statement, sync.ToStatement(generator))));
        });

    private static (StatementSyntax After, IReadOnlyList<DirectorySyncCall> Syncs)? PlanInsert(SyntaxNode root, Diagnostic diagnostic, IReadOnlyList<DirectorySyncCall> syncs)
    {
        if (syncs.Count == 0)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<StatementSyntax>();
        if (ExpressionLambdaAround(node) is { } lambda && (statement is null || lambda.SpanStart > statement.SpanStart))
        {
            // files.ForEach(f => File.Delete(f)): after the statement the lambda's parameter is gone (PlanBody).
            return null;
        }

        // An embedded statement (if (x) File.Delete(p);) cannot take a statement after it: the sync goes after the loop
        // around it when it names nothing the loop declares (one fsync for all), and otherwise into a new block (PlanBlock).
        while (statement is not null && !RuntimeCalls.CanInsertAfter(statement))
        {
            if (!RuntimeCalls.IsEmbedded(statement) || statement.Parent is not StatementSyntax host ||
                !(host is CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or UsingStatementSyntax or LockStatementSyntax) ||
                MentionsDeclaredBy(host, syncs))
            {
                return null;
            }

            statement = host;
        }

        if (statement is null or ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
        {
            return null;
        }

        return (statement, syncs);
    }

    // An embedded statement that no sync can follow otherwise, and the syncs to put with it in a new block.
    private static (StatementSyntax Embedded, IReadOnlyList<DirectorySyncCall> Syncs)? PlanBlock(SyntaxNode root, Diagnostic diagnostic, IReadOnlyList<DirectorySyncCall> syncs)
    {
        if (syncs.Count == 0 || PlanInsert(root, diagnostic, syncs) is not null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<StatementSyntax>() is { } statement && RuntimeCalls.IsEmbedded(statement) &&
               statement is not (ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
            ? (statement, syncs)
            : null;
    }

    // A void member with an expression body (void Seal() => File.Move(a, b);): it becomes a block so the sync can follow.
    private static (SyntaxNode Member, IReadOnlyList<DirectorySyncCall> Syncs)? PlanBody(SyntaxNode root, Diagnostic diagnostic, IReadOnlyList<DirectorySyncCall> syncs)
    {
        if (syncs.Count == 0 || PlanInsert(root, diagnostic, syncs) is not null || PlanBlock(root, diagnostic, syncs) is not null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (ExpressionLambdaAround(node) is { } lambda)
        {
            // The lambda's body is the void call itself (f => File.Delete(f)): it becomes a block holding the call and the sync.
            return lambda.ExpressionBody is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delete" or "Move" or "MoveTo" or "Copy" } } call &&
                   call.Span == diagnostic.Location.SourceSpan
                ? (lambda, syncs)
                : null;
        }

        if (node.FirstAncestorOrSelf<StatementSyntax>() is not null || node.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is not { } arrow)
        {
            return null;
        }

        return ArrowBodies.VoidMemberOf(arrow) is { } member ? (member, syncs) : null;
    }

    // The innermost lambda whose expression body holds the node, when no statement lies between them.
    private static LambdaExpressionSyntax? ExpressionLambdaAround(SyntaxNode node)
    {
        for (var current = node; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is LambdaExpressionSyntax { ExpressionBody: { } body } lambda && body.Span.Contains(node.Span))
            {
                return lambda;
            }
        }

        return null;
    }

    // True when a sync names a variable the loop (or using, or lock) declares: it cannot move out of it.
    private static bool MentionsDeclaredBy(StatementSyntax host, IReadOnlyList<DirectorySyncCall> syncs)
    {
        var declared = host switch
        {
            ForEachStatementSyntax forEach => new[] { forEach.Identifier.ValueText },
            ForEachVariableStatementSyntax deconstruction => deconstruction.Variable.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToArray(),
            ForStatementSyntax @for => @for.Declaration?.Variables.Select(v => v.Identifier.ValueText).ToArray() ?? System.Array.Empty<string>(),
            UsingStatementSyntax @using => @using.Declaration?.Variables.Select(v => v.Identifier.ValueText).ToArray() ?? System.Array.Empty<string>(),
            _ => System.Array.Empty<string>(),
        };
        return syncs.Any(sync => sync.Mentions(declared));
    }
}
