using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a type keeps state in a file: it writes a file (<c>File.WriteAllText(SettingsPath, json)</c>, a stream opened to
/// write it) and reads the same file back (<c>File.ReadAllText(SettingsPath)</c>), so what it wrote is what the program
/// finds on its next start, whatever the type is called (<c>NodeKeyManager</c>, <c>KeyTool</c>, <c>DnsSeedServer</c>).
/// Read from syntax alone, so that asking costs no binding: the same file is the same path expression once locals are
/// followed to their initializers (a property, a field, a constant, <c>GetConfigurationFilePath()</c>, a
/// <c>Path.Combine</c> of those). A path that stays a parameter or a local names whatever file a caller gives: a tool
/// that reads and rewrites the files it is pointed at edits documents, it keeps no state of its own; but a helper's
/// parameter names what the type's own calls pass it (<c>StoreSigner(signer, GetPath(Signer))</c>).
/// </summary>
internal static class StateFiles
{
    private const int MaxLocalDepth = 3;

    // A type whose text spells no read or no write of a file keeps no state in one.
    // A FileStream or File.Open counts by its mode: FileMode.Open reads, the others write.
    // An XML document saved to and loaded from a path (doc.Save(path), XDocument.Load(path), XmlWriter.Create(path),
    // new XmlTextWriter(path, encoding), XmlReader.Create(path)) counts too, and so does a FileInfo's own opening (info.Create(), info.OpenRead()).
    private static readonly string[] WriteWords =
    {
        "WriteAll", "AppendAll", "AppendText", "StreamWriter", "File.Create", "OpenWrite", "FileMode.Create", "FileMode.Append", "FileMode.OpenOrCreate", "FileMode.Truncate",
        ".Save", ".TrySave", "XmlWriter.Create", "XmlTextWriter", "File.Move", "File.Replace", ".Create()", ".CreateText()",
    };

    private static readonly string[] ReadWords =
    {
        "ReadAll", "ReadLines", "StreamReader", "OpenRead", "OpenText", "FileMode.Open", ".Load", ".TryLoad", "XmlReader.Create", "XmlTextReader",
    };

    // A folder of records listed at start, each file loaded (Directory.EnumerateFiles(_folder, "*.json") then File.ReadAllText).
    private static readonly string[] ListingNames = { "EnumerateFiles", "GetFiles" };

    // A folder's key: no expression's code starts with it, so it names no single file.
    private const string FolderPrefix = "\u0002";

    // First words of the names of a type's save and load helpers (SaveConfig, Load<T>, LoadSettingsAsync): any argument may be the path.
    private static readonly string[] SaveWords = { "Save" };
    private static readonly string[] LoadWords = { "Load" };

    /// <summary>
    /// The files <paramref name="type"/> writes and one of its methods reads back, as path keys (<see cref="Names"/>
    /// tells whether a call names one); null when there are none.
    /// </summary>
    public static HashSet<string>? KeptBy(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!SourceTextSearch.AnyDeclarationContains(type, WriteWords, cancellationToken) ||
            !SourceTextSearch.AnyDeclarationContains(type, ReadWords, cancellationToken))
        {
            return null;
        }

        var written = new List<Place>();
        var read = new List<Place>();
        List<ParameterAccess>? throughParameters = null;
        var members = new List<MemberDeclarationSyntax>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                // A nested type keeps its own files.
                if (member is not BaseTypeDeclarationSyntax)
                {
                    members.Add(member);
                    AddAccesses(member, written, read, ref throughParameters);
                }
            }
        }

        if (throughParameters is not null)
        {
            AddCallersPaths(members, throughParameters, written, read);
        }

        // Read back on a later start: by another method (Load, InitAsync), or in the same one before the write, in the other
        // branch of an if, or anywhere when the write runs only if the file is missing (load or create). A file written and
        // then read in one method (a download unpacked at once) is work in progress.
        HashSet<string>? files = null;
        foreach (var write in written)
        {
            foreach (var reading in read)
            {
                if (reading.Key == write.Key &&
                    (reading.Member != write.Member || reading.Position < write.Position || write.OnlyWhenMissing ||
                     AreInOtherBranches(write.Member, reading.Position, write.Position)))
                {
                    files ??= new HashSet<string>(System.StringComparer.Ordinal);
                    files.Add(write.Key);
                    if (write.Parameter is { } parameter)
                    {
                        // Written by a helper of the type given the path: the helper's write is where the file is checked.
                        files.Add(parameter);
                    }

                    break;
                }
            }
        }

        return files;
    }

    // if (!File.Exists(path)) { generate and write } else { read }: a load or create, whose read is of an earlier start's file.
    private static bool AreInOtherBranches(MemberDeclarationSyntax member, int first, int second)
    {
        foreach (var node in member.DescendantNodes())
        {
            if (node is IfStatementSyntax { Else.Statement: var otherwise } branch &&
                ((branch.Statement.Span.Contains(first) && otherwise.Span.Contains(second)) ||
                 (branch.Statement.Span.Contains(second) && otherwise.Span.Contains(first))))
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct Place
    {
        public Place(string key, MemberDeclarationSyntax member, int position, string? parameter = null, bool onlyWhenMissing = false)
        {
            Key = key;
            Member = member;
            Position = position;
            Parameter = parameter;
            OnlyWhenMissing = onlyWhenMissing;
        }

        /// <summary>For a write, true when it runs only if the file is missing: any read in its member is of an earlier start's file.</summary>
        public bool OnlyWhenMissing { get; }

        public string Key { get; }

        /// <summary>For a file a helper of the type writes, the key of the helper's path parameter.</summary>
        public string? Parameter { get; }

        public MemberDeclarationSyntax Member { get; }

        public int Position { get; }
    }

    /// <summary>
    /// True when the call or creation <paramref name="node"/> names one of <paramref name="files"/> in an argument, or the
    /// directory of one (<c>Path.GetDirectoryName(SettingsPath)</c>).
    /// </summary>
    public static bool Names(SyntaxNode node, HashSet<string> files)
    {
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>(candidate => candidate is not BaseTypeDeclarationSyntax);
        if (member is null)
        {
            return false;
        }

        var locals = new MemberLocals(member);
        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } } &&
            FileInfoPath(receiver, locals) is { } infoPath && KeyOf(infoPath, locals, 0) is { } infoKey && files.Contains(infoKey))
        {
            // info.Create() for var info = new FileInfo(SettingsPath).
            return true;
        }

        foreach (var part in node.DescendantNodesAndSelf())
        {
            if (part is ArgumentSyntax argument)
            {
                if (argument.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && member is MethodDeclarationSyntax method &&
                    ParameterIndex(member, name) >= 0 && files.Contains(ParameterKey(method.Identifier.ValueText, name)))
                {
                    // StoreSigner(signer, path) => File.WriteAllText(path, signer), called with a state file's path.
                    return true;
                }

                foreach (var expression in argument.Expression.DescendantNodesAndSelf())
                {
                    if (expression is ExpressionSyntax path && KeyOf(path, locals, 0) is { } key && files.Contains(key))
                    {
                        return true;
                    }
                }

                if (FolderKeyOf(argument.Expression, locals, 0) is { } folder && files.Contains(folder))
                {
                    // A record of a folder the type lists and loads at start.
                    return true;
                }
            }
        }

        return false;
    }

    private static void AddAccesses(MemberDeclarationSyntax member, List<Place> written, List<Place> read, ref List<ParameterAccess>? throughParameters)
    {
        MemberLocals? locals = null;
        foreach (var node in member.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax listing, ArgumentList.Arguments: { Count: > 0 } listed } listingCall &&
                IsListing(listing) && SourceTextSearch.ContainsAny(member.SyntaxTree, member.Span, ReadWords, default))
            {
                // The records of a folder, listed and loaded one by one: every file written into it is read back.
                locals ??= new MemberLocals(member);
                if (KeyOf(listed[0].Expression, locals, 0) is { } folder)
                {
                    read.Add(new Place(FolderPrefix + folder, member, listingCall.SpanStart));
                }

                continue;
            }

            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax helperAccess, ArgumentList.Arguments: { Count: > 0 } helperArguments } helperCall &&
                HelperAccess(helperAccess) is var helperKind and not Access.None)
            {
                // Settings.Save(this, path), ConfigurationResolver.Load<T>(path, context): the path is any of the arguments.
                locals ??= new MemberLocals(member);
                foreach (var argument in helperArguments)
                {
                    AddAccess(member, helperKind, helperCall, argument.Expression, locals, written, read, ref throughParameters);
                }

                continue;
            }

            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax infoAccess } infoCall &&
                FileInfoAccess(infoAccess, infoCall) is var infoKind and not Access.None &&
                FileInfoPath(infoAccess.Expression, locals ??= new MemberLocals(member)) is { } infoPath)
            {
                // new FileInfo(path).OpenRead(), or info.Create() for var info = new FileInfo(path); File.Open(path, mode) is below.
                AddAccess(member, infoKind, infoCall, infoPath, locals, written, read, ref throughParameters);
                continue;
            }

            var (access, call, path) = node switch
            {
                // File.Move(temp, path), File.Replace(temp, path, backup): what they write is where they put it.
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess, ArgumentList.Arguments: { Count: > 1 } arguments } invocation
                    when IsPutInPlace(memberAccess) =>
                    (Access.Write, (SyntaxNode)invocation, arguments[1].Expression),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess, ArgumentList.Arguments: { Count: > 0 } arguments } invocation =>
                    (KindOfCall(memberAccess, arguments), (SyntaxNode)invocation, arguments[0].Expression),
                BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } creation =>
                    (KindOfCreation(creation, arguments), creation, arguments[0].Expression),
                _ => (Access.None, node, null),
            };
            if (access != Access.None && path is not null)
            {
                locals ??= new MemberLocals(member);
                AddAccess(member, access, call, path, locals, written, read, ref throughParameters);
            }
        }
    }

    private static void AddAccess(
        MemberDeclarationSyntax member, Access access, SyntaxNode call, ExpressionSyntax path, MemberLocals locals, List<Place> written, List<Place> read,
        ref List<ParameterAccess>? throughParameters)
    {
        if (access == Access.Read && ChoiceOf(path, locals, 0) is { } choice)
        {
            // var file = File.Exists(main) && File.Exists(backup) ? backup : main; File.ReadAllText(file): both are read back.
            AddAccess(member, access, call, choice.WhenTrue, locals, written, read, ref throughParameters);
            AddAccess(member, access, call, choice.WhenFalse, locals, written, read, ref throughParameters);
            return;
        }

        var key = KeyOf(path, locals, 0);
        if (path is IdentifierNameSyntax { Identifier.ValueText: var name } && member is MethodDeclarationSyntax method &&
            ParameterIndex(method, name) is var index and >= 0)
        {
            // A helper given the path (LoadSigner(path), StoreSigner(signer, path)): the file is what the type's own calls pass,
            // and the type's own file when it falls back to one (Save(string file = null) with file ??= Filename).
            (throughParameters ??= new List<ParameterAccess>()).Add(new ParameterAccess(method.Identifier.ValueText, index, name, access));
            if (key is null)
            {
                return;
            }
        }

        Add(access, call, key, locals, written, read);
        if (access == Access.Write && FolderKeyOf(path, locals, 0) is { } folder)
        {
            Add(access, call, folder, locals, written, read);
        }
    }

    // The choice between two paths a read takes, in place or through a local's one initializer.
    private static ConditionalExpressionSyntax? ChoiceOf(ExpressionSyntax path, MemberLocals locals, int depth) => path switch
    {
        ConditionalExpressionSyntax choice => choice,
        ParenthesizedExpressionSyntax { Expression: var inner } => ChoiceOf(inner, locals, depth),
        IdentifierNameSyntax { Identifier.ValueText: var name } when depth < MaxLocalDepth && locals.SingleInitializer(name) is { } initializer =>
            ChoiceOf(initializer, locals, depth + 1),
        _ => null,
    };

    // Directory.EnumerateFiles(folder, ...) and Directory.GetFiles(folder, ...).
    private static bool IsListing(MemberAccessExpressionSyntax access) =>
        System.Array.IndexOf(ListingNames, access.Name.Identifier.ValueText) >= 0 &&
        access.Expression is IdentifierNameSyntax { Identifier.ValueText: "Directory" };

    /// <summary>
    /// The key of the folder a path lies in when it is <c>Path.Combine(folder, name)</c> (a name in it, not in a folder below), directly, through a local, or through
    /// the type's own method that returns one (<c>string GetFilePath(Post post) =&gt; Path.Combine(_folder, post.ID + ".json")</c>).
    /// </summary>
    private static string? FolderKeyOf(ExpressionSyntax path, MemberLocals locals, int depth)
    {
        if (depth > MaxLocalDepth)
        {
            return null;
        }

        switch (path)
        {
            case IdentifierNameSyntax { Identifier.ValueText: var name } when locals.SingleInitializer(name) is { } initializer:
                return FolderKeyOf(initializer, locals, depth + 1);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Combine" or "Join", Expression: IdentifierNameSyntax { Identifier.ValueText: "Path" } }, ArgumentList.Arguments: { Count: 2 } parts }:
                return KeyOf(parts[0].Expression, locals, 0) is { } folder ? FolderPrefix + folder : null;
            case InvocationExpressionSyntax own when CalledName(own) is { } method && ReturnedBy(locals.Member, method) is { } returned:
                return FolderKeyOf(returned.Value, new MemberLocals(returned.Method), depth + 1);
            default:
                return null;
        }
    }

    // The one expression the type's own method returns (an expression body, or a body of one return statement).
    private static (ExpressionSyntax Value, MethodDeclarationSyntax Method)? ReturnedBy(MemberDeclarationSyntax caller, string name)
    {
        if (caller.Parent is not TypeDeclarationSyntax type)
        {
            return null;
        }

        foreach (var member in type.Members)
        {
            if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name)
            {
                var returned = method.ExpressionBody?.Expression ??
                               (method.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);
                return returned is null ? null : (returned, method);
            }
        }

        return null;
    }

    // A helper named for saving or loading (SaveV, Load2<T>, LoadConfigAsync, TryLoad(path, out state)) called on another
    // receiver; the type's own helpers are read through their bodies.
    private static Access HelperAccess(MemberAccessExpressionSyntax access)
    {
        if (access.Expression is ThisExpressionSyntax)
        {
            return Access.None;
        }

        var name = access.Name.Identifier.ValueText;
        if (name.Length > 3 && name.StartsWith("Try", System.StringComparison.Ordinal) && char.IsUpper(name[3]))
        {
            name = name.Substring(3);
        }

        return Configuration.DurabilityIntent.EdgeWordIs(name, SaveWords, last: false) ? Access.Write :
            Configuration.DurabilityIntent.EdgeWordIs(name, LoadWords, last: false) ? Access.Read :
            Access.None;
    }

    // What a FileInfo's own opening does: Create, CreateText, OpenWrite and AppendText write; OpenRead and OpenText read; Open
    // by its mode. Only on a FileInfo made in place or held by a local made from one (FileInfoPath).
    private static Access FileInfoAccess(MemberAccessExpressionSyntax access, InvocationExpressionSyntax call) =>
        access.Name.Identifier.ValueText switch
        {
            "Create" or "CreateText" or "OpenWrite" or "AppendText" when call.ArgumentList.Arguments.Count == 0 => Access.Write,
            "OpenRead" or "OpenText" when call.ArgumentList.Arguments.Count == 0 => Access.Read,
            "Open" when call.ArgumentList.Arguments.Count > 0 =>
                call.ArgumentList.Arguments[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Open" } ? Access.Read : Access.Write,
            _ => Access.None,
        };

    // The path of new FileInfo(path), in place or as the one initializer of a local.
    private static ExpressionSyntax? FileInfoPath(ExpressionSyntax receiver, MemberLocals locals)
    {
        if (receiver is IdentifierNameSyntax { Identifier.ValueText: var name } && locals.SingleInitializer(name) is { } initializer)
        {
            receiver = initializer;
        }

        return receiver is ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments: { Count: 1 } arguments } &&
               TypeSyntaxNames.Rightmost(type)?.Identifier.ValueText == "FileInfo"
            ? arguments[0].Expression
            : null;
    }

    /// <summary>A read or write of the file a method's parameter names.</summary>
    private readonly struct ParameterAccess
    {
        public ParameterAccess(string method, int index, string name, Access access)
        {
            Method = method;
            Index = index;
            Name = name;
            Access = access;
        }

        public string Method { get; }

        public int Index { get; }

        public string Name { get; }

        public Access Access { get; }
    }

    // Each call of a helper in the type (StoreSigner(signer, GetPath(SignerFileName))) reads or writes the file its argument names.
    private static void AddCallersPaths(List<MemberDeclarationSyntax> members, List<ParameterAccess> throughParameters, List<Place> written, List<Place> read)
    {
        foreach (var member in members)
        {
            MemberLocals? locals = null;
            foreach (var node in member.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } invocation || CalledName(invocation) is not { } called)
                {
                    continue;
                }

                foreach (var helper in throughParameters)
                {
                    if (helper.Method == called && ArgumentFor(arguments, helper) is { } argument)
                    {
                        locals ??= new MemberLocals(member);
                        if (KeyOf(argument, locals, 0) is { } key)
                        {
                            var place = new Place(key, member, invocation.SpanStart, helper.Access == Access.Write ? ParameterKey(helper.Method, helper.Name) : null);
                            (helper.Access == Access.Write ? written : read).Add(place);
                        }
                    }
                }
            }
        }
    }

    // Helper(...) or this.Helper(...): a call of the type's own method.
    private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    // The argument given by name, or at the parameter's position when the arguments before it are positional.
    private static ExpressionSyntax? ArgumentFor(SeparatedSyntaxList<ArgumentSyntax> arguments, ParameterAccess helper)
    {
        for (var position = 0; position < arguments.Count; position++)
        {
            var argument = arguments[position];
            if (argument.NameColon is { } named)
            {
                if (named.Name.Identifier.ValueText == helper.Name)
                {
                    return argument.Expression;
                }
            }
            else if (position == helper.Index)
            {
                return argument.Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="helper"/>, called in <paramref name="type"/>, is a helper of that type that writes, through
    /// a path parameter, one of the state <paramref name="files"/> (<c>StoreSigner(signer, path)</c>): its own write is
    /// checked, in its body, not the calls that hand it the path.
    /// </summary>
    public static bool AreWrittenThrough(IMethodSymbol? helper, INamedTypeSymbol type, HashSet<string> files)
    {
        if (helper is null || !SymbolEqualityComparer.Default.Equals(helper.ContainingType, type))
        {
            return false;
        }

        foreach (var parameter in helper.Parameters)
        {
            if (files.Contains(ParameterKey(helper.Name, parameter.Name)))
            {
                return true;
            }
        }

        return false;
    }

    // The key of a helper's path parameter: no expression's code, so it names no path.
    private static string ParameterKey(string method, string parameter) => "\u0001" + method + "\u0001" + parameter;

    private static int ParameterIndex(MemberDeclarationSyntax member, string name)
    {
        if (member is not MethodDeclarationSyntax method)
        {
            return -1;
        }

        var parameters = method.ParameterList.Parameters;
        for (var index = 0; index < parameters.Count; index++)
        {
            if (parameters[index].Identifier.ValueText == name)
            {
                return index;
            }
        }

        return -1;
    }

    private enum Access
    {
        None,
        Read,
        Write,
    }

    private static void Add(Access access, SyntaxNode call, string? key, MemberLocals locals, List<Place> written, List<Place> read)
    {
        if (key is null)
        {
            return;
        }

        // A default written only when the file is missing (if (!File.Exists(path)) File.WriteAllText(path, template))
        // comes back the same when its entry is lost: no state of the type's own. A key generated there does not.
        var onlyWhenMissing = access == Access.Write && IsWrittenOnlyWhenMissing(call, key, locals);
        if (onlyWhenMissing && !GeneratedValues.AreWrittenBy(call, locals.Member))
        {
            return;
        }

        (access == Access.Write ? written : read).Add(new Place(key, locals.Member, call.SpanStart, onlyWhenMissing: onlyWhenMissing));
    }

    private static bool IsWrittenOnlyWhenMissing(SyntaxNode call, string key, MemberLocals locals)
    {
        for (var node = call.Parent; node is not null && node != locals.Member; node = node.Parent)
        {
            if (node is IfStatementSyntax { Condition: var condition } && TestsMissing(condition, key, locals))
            {
                return true;
            }
        }

        return false;
    }

    // !File.Exists(path) or File.Exists(path) == false, on the same file.
    private static bool TestsMissing(ExpressionSyntax condition, string key, MemberLocals locals)
    {
        var exists = condition switch
        {
            PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "!", Operand: InvocationExpressionSyntax invocation } => invocation,
            BinaryExpressionSyntax { OperatorToken.ValueText: "==", Left: InvocationExpressionSyntax invocation, Right: LiteralExpressionSyntax { Token.ValueText: "false" } } => invocation,
            _ => null,
        };
        return exists is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" }, ArgumentList.Arguments: { Count: 1 } arguments } &&
               KeyOf(arguments[0].Expression, locals, 0) == key;
    }

    private static bool IsPutInPlace(MemberAccessExpressionSyntax access) =>
        access.Name.Identifier.ValueText is "Move" or "Replace" &&
        (access.Expression is IdentifierNameSyntax { Identifier.ValueText: "File" } || access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "File" });

    // File.WriteAllText, _fileSystem.File.ReadAllBytes, a provider's WriteAllText: the names say it, whatever the receiver.
    // File.Create/OpenWrite/OpenRead/OpenText only on a receiver named File.
    private static Access KindOfCall(MemberAccessExpressionSyntax access, SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        var name = access.Name.Identifier.ValueText;
        if (name.StartsWith("WriteAll", System.StringComparison.Ordinal) || name.StartsWith("AppendAll", System.StringComparison.Ordinal))
        {
            return Access.Write;
        }

        if (name.StartsWith("ReadAll", System.StringComparison.Ordinal) || name is "ReadLines" or "ReadLinesAsync")
        {
            return Access.Read;
        }

        // doc.Save(path) and XDocument.Load(path), doc.Load(path): what DUR004 reports is still told apart by binding.
        if (name is "Save")
        {
            return Access.Write;
        }

        if (name is "Load")
        {
            return Access.Read;
        }

        if (name is "Create" && access.Expression is IdentifierNameSyntax { Identifier.ValueText: "XmlWriter" })
        {
            return Access.Write;
        }

        if (name is "Create" && access.Expression is IdentifierNameSyntax { Identifier.ValueText: "XmlReader" })
        {
            return Access.Read;
        }

        var onFile = access.Expression is IdentifierNameSyntax { Identifier.ValueText: "File" } ||
                     access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "File" };
        return !onFile ? Access.None :
            name is "Create" or "OpenWrite" or "CreateText" or "AppendText" ? Access.Write :
            name is "OpenRead" or "OpenText" ? Access.Read :
            name is "Open" or "OpenHandle" && arguments.Count > 1 ? KindOfMode(arguments[1].Expression) :
            Access.None;
    }

    // File.Open(path, FileMode.Open) and new FileStream(path, FileMode.Open) read; any other mode writes.
    private static Access KindOfMode(ExpressionSyntax mode) =>
        mode is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Open" } ? Access.Read : Access.Write;

    // new FileStream(path, FileMode.Open) reads; with any other mode it writes. new StreamWriter(path) writes, new StreamReader(path) reads.
    private static Access KindOfCreation(BaseObjectCreationExpressionSyntax creation, SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        var typeName = creation is ObjectCreationExpressionSyntax { Type: var type } ? TypeSyntaxNames.Rightmost(type)?.Identifier.ValueText : null;
        switch (typeName)
        {
            case "StreamWriter" or "XmlTextWriter":
                return Access.Write;
            case "StreamReader" or "XmlTextReader":
                return Access.Read;
            case "FileStream" when arguments.Count > 1:
                return KindOfMode(arguments[1].Expression);
            default:
                return Access.None;
        }
    }

    // The path's code with locals followed to their one initializer; null for a path that stays a parameter or a local.
    private static string? KeyOf(ExpressionSyntax path, MemberLocals locals, int depth)
    {
        if (path is IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.ValueText;
            if (depth < MaxLocalDepth && locals.SingleInitializer(name) is { } initializer)
            {
                return KeyOf(initializer, locals, depth + 1);
            }

            if (locals.Declares(name))
            {
                return null;
            }
        }

        // File.WriteAllText(file ?? Filename, json): the type's own file when the caller gives none.
        if (path is BinaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceExpression, Left: IdentifierNameSyntax given, Right: var fallback } &&
            locals.IsOptionalParameter(given.Identifier.ValueText))
        {
            return KeyOf(fallback, locals, depth + 1);
        }

        // var path = GetConfigFile(name); File.ReadAllText(path.FullName): the FileInfo's path is its initializer's.
        if (path is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax info, Name.Identifier.ValueText: "FullName" } &&
            depth < MaxLocalDepth && locals.SingleInitializer(info.Identifier.ValueText) is { } infoInitializer &&
            KeyOf(infoInitializer, locals, depth + 1) is { } infoKey)
        {
            return infoKey + ".FullName";
        }

        return Normalized(path);
    }

    /// <summary>
    /// A member's parameters and locals, read once: which names it declares, which local has one initializer and no other
    /// assignment, and which optional parameter falls back to one file when the caller gives none (<see cref="ParameterDefaults"/>).
    /// </summary>
    private sealed class MemberLocals
    {
        private readonly HashSet<string> _declared = new(System.StringComparer.Ordinal);
        private readonly HashSet<string> _optional = new(System.StringComparer.Ordinal);
        private readonly Dictionary<string, ExpressionSyntax?> _initializers = new(System.StringComparer.Ordinal);

        public MemberLocals(MemberDeclarationSyntax member)
        {
            Member = member;
            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case ParameterSyntax parameter:
                        _declared.Add(parameter.Identifier.ValueText);
                        if (parameter.Default is not null)
                        {
                            // Save(string file = null): the caller may give none, and the fallback is the file then saved.
                            _optional.Add(parameter.Identifier.ValueText);
                        }

                        break;
                    case VariableDeclaratorSyntax declarator:
                        var name = declarator.Identifier.ValueText;
                        // A second declaration of the name, or none with a value, leaves it with no single initializer.
                        _initializers[name] = _declared.Add(name) ? declarator.Initializer?.Value : null;
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } assignment:
                        var target = assigned.Identifier.ValueText;
                        _initializers[target] = _optional.Contains(target) && !_initializers.ContainsKey(target) ? ParameterDefaults.Of(assignment) : null;
                        break;
                }
            }
        }

        public MemberDeclarationSyntax Member { get; }

        public bool Declares(string name) => _declared.Contains(name);

        public bool IsOptionalParameter(string name) => _optional.Contains(name);

        public ExpressionSyntax? SingleInitializer(string name) => _initializers.TryGetValue(name, out var value) ? value : null;
    }

    // The expression's code without white space or a leading this.
    private static string Normalized(ExpressionSyntax path) => NodeText.WithoutWhitespace(path).Replace("this.", string.Empty);
}
