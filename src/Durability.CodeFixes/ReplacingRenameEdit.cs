namespace Durability.CodeFixes;

/// <summary>How <see cref="ReplacingRenameFix"/> makes a file's replacement one step.</summary>
internal enum ReplacingRenameEdit
{
    /// <summary>The deletion goes and the rename overwrites: <c>File.Move(temp, target, overwrite: true)</c>.</summary>
    DropAndOverwrite,

    /// <summary>The move aside goes and the rename keeps its backup: <c>File.Replace(temp, target, backup)</c>.</summary>
    ReplaceWithBackup,

    /// <summary>The move aside becomes a copy and the rename overwrites: <c>File.Copy(target, backup, overwrite: true)</c>.</summary>
    CopyAsideAndOverwrite,
}
