namespace Durability.Analyzers.Model;

/// <summary>The values of System.IO.FileMode, as constants reach the analyzers (the enum's underlying int).</summary>
internal static class FileModes
{
    public const int CreateNew = 1;
    public const int Create = 2;
    public const int Open = 3;
    public const int OpenOrCreate = 4;
    public const int Truncate = 5;
    public const int Append = 6;

    /// <summary>True for the modes that create or change contents on their own: everything but Open.</summary>
    public static bool Writes(int mode) => mode is CreateNew or Create or OpenOrCreate or Truncate or Append;
}
