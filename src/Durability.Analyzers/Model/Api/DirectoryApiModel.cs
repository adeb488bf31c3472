using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Which .NET calls create, rename or delete a directory entry, and which make a directory durable.
/// OpenOrCreate, Append, <c>new StreamWriter(path, append: true)</c> and File.AppendAll* count as creations:
/// they create the file when it is missing, and then its entry is as fragile as any other new file's.
/// </summary>
internal sealed class DirectoryApiModel
{
    private readonly FileApiModel _files;
    private readonly INamedTypeSymbol? _directory;
    private readonly INamedTypeSymbol? _directoryInfo;
    private readonly INamedTypeSymbol? _streamWriter;
    private readonly System.Lazy<string[]> _sourceWords;

    public DirectoryApiModel(Compilation compilation, FileApiModel files, FileWriteWrappers wrappers)
    {
        _files = files;
        _sourceWords = new System.Lazy<string[]>(() => SourceWordsOf(compilation, wrappers), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        _directory = compilation.GetTypeByMetadataName("System.IO.Directory");
        _directoryInfo = compilation.GetTypeByMetadataName("System.IO.DirectoryInfo");
        _streamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
    }

    /// <summary>What a body that renames a file spells: File.Move, FileInfo.MoveTo, a Move helper, File.Replace (not string.Replace).</summary>
    public static readonly string[] RenameWords = { "Move(", "MoveTo(", "File.Replace" };

    /// <summary>
    /// Words that code changing a directory entry spells: the method names above, the names of the stream types
    /// it creates (with this compilation's own subclasses of FileStream and StreamWriter, and a target-typed <c>new(</c>),
    /// and the names of the project's wrappers that may create a file (<see cref="FileWriteWrappers"/>).
    /// A body that spells none of them changes no entry.
    /// </summary>
    public string[] SourceWords => _sourceWords.Value;

    /// <summary>The directory-entry change <paramref name="operation"/> makes, if any.</summary>
    public DirectoryEntryChange? Classify(IOperation operation) =>
        !Call.TryRead(operation, out var call) ? null :
        call.CreatedType is { } created ? ClassifyCreation(call, created) :
        ClassifyInvocation(call);

    private DirectoryEntryChange? ClassifyInvocation(Call call)
    {
        var method = call.Method;
        var invocation = call.Operation;
        var owner = method.ContainingType;
        if (Is(owner, _files.File))
        {
            var path = call.ArgumentFor(0);
            if (path is null)
            {
                return null;
            }

            switch (method.Name)
            {
                case "Create" or "CreateText" or "AppendText" or "OpenWrite" or "WriteAllBytes" or "WriteAllText" or "WriteAllLines" or
                     "WriteAllBytesAsync" or "WriteAllTextAsync" or "WriteAllLinesAsync" or "AppendAllText" or "AppendAllLines" or
                     "AppendAllBytes" or "AppendAllTextAsync" or "AppendAllLinesAsync" or "AppendAllBytesAsync":
                    return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, path);
                case "Open" or "OpenHandle" when MayCreate(call, withoutMode: false):
                    return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, path);
                case "Copy":
                    return call.ArgumentFor(1) is { } copy
                        ? new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, copy)
                        : null;
                case "Move" or "Replace":
                    return call.ArgumentFor(1) is { } destination
                        ? new DirectoryEntryChange(DirectoryEntryChangeKind.Rename, invocation, path, destination)
                        : null;
                case "Delete":
                    return new DirectoryEntryChange(DirectoryEntryChangeKind.Deletion, invocation, path);
            }

            return null;
        }

        // info?.Delete() names info: the receiver stands in for the conditional access's instance.
        if (Is(owner, _files.FileInfo) && ReceiverOf(call.Instance) is { } fileInfo)
        {
            return method.Name switch
            {
                "Create" or "CreateText" or "AppendText" or "OpenWrite" => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, fileInfo),
                "Open" when MayCreate(call, withoutMode: false) => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, fileInfo),
                "CopyTo" when call.ArgumentFor(0) is { } copy => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, copy),
                "MoveTo" or "Replace" when call.ArgumentFor(0) is { } destination =>
                    new DirectoryEntryChange(DirectoryEntryChangeKind.Rename, invocation, fileInfo, destination),
                "Delete" => new DirectoryEntryChange(DirectoryEntryChangeKind.Deletion, invocation, fileInfo),
                _ => null,
            };
        }

        // XmlWriter.Create(path, settings): creates or empties the file, as new StreamWriter(path) does.
        if (XmlWriters.IsCreateOnPath(method) && call.ArgumentFor(0) is { } written)
        {
            return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, written);
        }

        // XDocument.Save(path), XmlDocument.Save(path), DataSet.WriteXml(path): create or empty the file, as File.WriteAllText does.
        if (WholeFileSaves.IsDocumentSaveToPath(method) && call.ArgumentFor(0) is { } saved)
        {
            return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, saved);
        }

        // MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, ...): a memory-mapped store's page or segment file.
        if (IsMemoryMappedFromPath(method) && call.ArgumentFor(0) is { } mapped && MayCreate(call, withoutMode: false))
        {
            return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, mapped);
        }

        // entry.ExtractToFile(path): the extension method's first parameter is the entry.
        if (WholeFileSaves.IsZipExtractToFile(method) && call.ArgumentFor(1) is { } extracted)
        {
            return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, extracted);
        }

        if (Is(owner, _directory) && call.ArgumentFor(0) is { } directoryPath)
        {
            return method.Name switch
            {
                "Move" when call.ArgumentFor(1) is { } destination =>
                    new DirectoryEntryChange(DirectoryEntryChangeKind.Rename, invocation, directoryPath, destination),
                "Delete" => new DirectoryEntryChange(DirectoryEntryChangeKind.Deletion, invocation, directoryPath),
                "CreateDirectory" => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, directoryPath),
                _ => null,
            };
        }

        if (Is(owner, _directoryInfo) && ReceiverOf(call.Instance) is { } directoryInfo)
        {
            return method.Name switch
            {
                "MoveTo" when call.ArgumentFor(0) is { } destination =>
                    new DirectoryEntryChange(DirectoryEntryChangeKind.Rename, invocation, directoryInfo, destination),
                "Delete" => new DirectoryEntryChange(DirectoryEntryChangeKind.Deletion, invocation, directoryInfo),
                "Create" => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, directoryInfo),
                // The subdirectory's path is what the call returns; PathResolver knows its parent is the instance.
                "CreateSubdirectory" => new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, invocation, invocation),
                _ => null,
            };
        }

        return null;
    }

    private DirectoryEntryChange? ClassifyCreation(Call call, ITypeSymbol created)
    {
        var constructor = call.Method;
        var creation = call.Operation;
        if (constructor.Parameters.Length == 0 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var path = call.ArgumentFor(0);
        if (path is null)
        {
            return null;
        }

        if (_files.IsFileStream(created))
        {
            // new FileStream(path, FileStreamOptions) has its mode inside the options object: assume it may create. A file
            // opened with FileOptions.DeleteOnClose (a lock, a scratch file) is gone after a crash by design.
            return MayCreate(call, withoutMode: true) && !(creation is IObjectCreationOperation { Arguments: var arguments } && _files.DeletesOnClose(arguments))
                ? new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, creation, path)
                : null;
        }

        // new XmlTextWriter(path, encoding) creates or truncates.
        if (XmlWriters.IsTextWriter(created))
        {
            return new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, creation, path);
        }

        // new StreamWriter(path) creates or truncates; new StreamWriter(path, append: true) creates when missing.
        return FileApiModel.DerivesFrom(created, _streamWriter)
            ? new DirectoryEntryChange(DirectoryEntryChangeKind.Creation, creation, path)
            : null;
    }

    private static IOperation? ReceiverOf(IOperation? instance) =>
        instance is IConditionalAccessInstanceOperation ? FileApiModel.StripConversions(instance) : instance;

    private string[] SourceWordsOf(Compilation compilation, FileWriteWrappers wrappers)
    {
        var words = new List<string>
        {
            "Create", "Append", "WriteAll", "Open", "Copy", "Move", "Replace", "Delete", "Rename", "FileStream", "StreamWriter", "new(", ".Save(", "ExtractToFile", ".WriteXml", "XmlTextWriter",
        };
        words.AddRange(wrappers.Names);

        // The compilation's own stream types: a class deriving from one names its base in its base list, so only
        // files that spell a stream type's name are read, again for each generation of subclasses found. The first
        // generation's declarations are the file's syntax alone, kept with the tree for the IDE's next compilation.
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var found = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            AddStreamTypes(compilation, StreamSubclassesByTree.Of(tree), seen, found);
        }

        while (found.Count > 0)
        {
            words.AddRange(found);
            var baseNames = found.ToArray();
            found.Clear();
            foreach (var tree in compilation.SyntaxTrees)
            {
                // The text first: a file that names no stream type is not parsed or walked.
                if (SourceTextSearch.ContainsAny(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), baseNames, default))
                {
                    AddStreamTypes(compilation, DeclarationsDerivingFrom(tree, baseNames), seen, found);
                }
            }
        }

        return words.ToArray();
    }

    private static readonly string[] StreamBaseNames = { "FileStream", "StreamWriter" };

    private static readonly SyntaxTreeCache<ClassDeclarationSyntax[]> StreamSubclassesByTree = new(tree =>
        SourceTextSearch.ContainsAny(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), StreamBaseNames, default)
            ? DeclarationsDerivingFrom(tree, StreamBaseNames)
            : System.Array.Empty<ClassDeclarationSyntax>());

    // Only a class that names one of the base types in its base list is bound.
    private void AddStreamTypes(Compilation compilation, ClassDeclarationSyntax[] declarations, HashSet<INamedTypeSymbol> seen, List<string> found)
    {
        foreach (var declaration in declarations)
        {
#pragma warning disable RS1030 // Read once per compilation, for the words of the source filter, and only where a base list names a stream type.
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetDeclaredSymbol(declaration) is { } type && seen.Add(type) && (_files.IsFileStream(type) || FileApiModel.DerivesFrom(type, _streamWriter)))
            {
                found.Add(type.Name);
            }
        }
    }

    // The classes of a file whose base list names one of baseNames, or an alias of one (using Log = System.IO.FileStream;).
    private static ClassDeclarationSyntax[] DeclarationsDerivingFrom(SyntaxTree tree, string[] baseNames)
    {
        List<string>? aliases = null;
        List<ClassDeclarationSyntax>? declarations = null;
        foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: { } alias, Name: { } target } && TypeSyntaxNames.Rightmost(target) is { } aliased &&
                System.Array.IndexOf(baseNames, aliased.Identifier.ValueText) >= 0)
            {
                (aliases ??= new List<string>()).Add(alias.Name.Identifier.ValueText);
            }

            if (node is ClassDeclarationSyntax { BaseList: { } bases } declaration && (NamesAny(bases, baseNames) || (aliases is not null && NamesAny(bases, aliases))))
            {
                (declarations ??= new List<ClassDeclarationSyntax>()).Add(declaration);
            }
        }

        return declarations is null ? System.Array.Empty<ClassDeclarationSyntax>() : declarations.ToArray();
    }

    private static bool NamesAny(BaseListSyntax bases, IList<string> names)
    {
        foreach (var baseType in bases.Types)
        {
            if (TypeSyntaxNames.Rightmost(baseType.Type) is { } name && names.Contains(name.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    // Open and Truncate never create; a mode not known at compile time may. A method without a FileMode: withoutMode.
    private bool MayCreate(Call call, bool withoutMode)
    {
        if (_files.OpensReadOnly(call.Operation))
        {
            // A read handle opened OpenOrCreate makes an empty file when there is none: if its entry is lost, the next
            // open makes it again, and nothing was written to it.
            return false;
        }

        var mode = call.ArgumentOfType(_files.FileMode, out var hasMode);
        return hasMode
            ? !(mode?.ConstantValue is { HasValue: true, Value: int value } && value is FileModes.Open or FileModes.Truncate)
            : withoutMode;
    }

    // The CreateFromFile overloads that take a path (the others take a FileStream, whose opening is the creation).
    private static bool IsMemoryMappedFromPath(IMethodSymbol method) =>
        method is { Name: "CreateFromFile", ContainingType: { Name: "MemoryMappedFile" } type } && WholeFileSaves.IsNamespace(type.ContainingNamespace, "MemoryMappedFiles", "IO") &&
        method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String;

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
