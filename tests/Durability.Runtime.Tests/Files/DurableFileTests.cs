using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Durability.Runtime.Tests.Files;

/// <summary>On the real file system DurableFile writes exactly the bytes File writes, and leaves no temp file behind.</summary>
public sealed class DurableFileTests
{
    private static readonly string[] Lines = { "first", "", "third, with ünïcode" };

    [Fact]
    public void Whole_file_writes_produce_the_same_bytes_as_File()
    {
        using var folder = new TempDirectory();
        AssertSameBytes(folder, "bytes", p => File.WriteAllBytes(p, new byte[] { 1, 2, 3 }), p => DurableFile.WriteAllBytes(p, new byte[] { 1, 2, 3 }));
        AssertSameBytes(folder, "text", p => File.WriteAllText(p, "héllo"), p => DurableFile.WriteAllText(p, "héllo"));
        AssertSameBytes(folder, "text-bom", p => File.WriteAllText(p, "héllo", Encoding.UTF8), p => DurableFile.WriteAllText(p, "héllo", Encoding.UTF8));
        AssertSameBytes(folder, "text-utf16", p => File.WriteAllText(p, "héllo", Encoding.Unicode), p => DurableFile.WriteAllText(p, "héllo", Encoding.Unicode));
        AssertSameBytes(folder, "lines", p => File.WriteAllLines(p, Lines), p => DurableFile.WriteAllLines(p, Lines));
        AssertSameBytes(folder, "null-text", p => File.WriteAllText(p, null), p => DurableFile.WriteAllText(p, null));
    }

    [Fact]
    public void Appends_produce_the_same_bytes_as_File()
    {
        using var folder = new TempDirectory();
        AssertSameBytes(folder, "append-text", p => { File.AppendAllText(p, "a"); File.AppendAllText(p, "b"); }, p => { DurableFile.AppendAllText(p, "a"); DurableFile.AppendAllText(p, "b"); });
        AssertSameBytes(folder, "append-lines", p => File.AppendAllLines(p, Lines), p => DurableFile.AppendAllLines(p, Lines));
        AssertSameBytes(folder, "append-bytes", p => { File.WriteAllBytes(p, new byte[] { 9 }); File.AppendAllBytes(p, new byte[] { 8 }); }, p => { DurableFile.WriteAllBytes(p, new byte[] { 9 }); DurableFile.AppendAllBytes(p, new byte[] { 8 }); });
    }

    [Fact]
    public async Task Async_writes_produce_the_same_bytes_as_File()
    {
        using var folder = new TempDirectory();
        await File.WriteAllTextAsync(folder.File("a"), "héllo");
        await DurableFile.WriteAllTextAsync(folder.File("b"), "héllo");
        await File.WriteAllLinesAsync(folder.File("c"), Lines, Encoding.UTF8);
        await DurableFile.WriteAllLinesAsync(folder.File("d"), Lines, Encoding.UTF8);
        await File.WriteAllBytesAsync(folder.File("e"), new byte[] { 4, 5 });
        await DurableFile.WriteAllBytesAsync(folder.File("f"), new byte[] { 4, 5 });
        await File.AppendAllTextAsync(folder.File("g"), "x");
        await DurableFile.AppendAllTextAsync(folder.File("h"), "x");

        Assert.Equal(File.ReadAllBytes(folder.File("a")), File.ReadAllBytes(folder.File("b")));
        Assert.Equal(File.ReadAllBytes(folder.File("c")), File.ReadAllBytes(folder.File("d")));
        Assert.Equal(File.ReadAllBytes(folder.File("e")), File.ReadAllBytes(folder.File("f")));
        Assert.Equal(File.ReadAllBytes(folder.File("g")), File.ReadAllBytes(folder.File("h")));
        Assert.Equal(8, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Replacing_a_file_leaves_only_the_new_contents()
    {
        using var folder = new TempDirectory();
        var path = folder.File("state.json");
        DurableFile.WriteAllText(path, "{\"version\":1}");
        DurableFile.WriteAllText(path, "{\"version\":2}");

        Assert.Equal("{\"version\":2}", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_missing_directory_fails_clearly_and_leaves_nothing()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "missing", "state.json");

        Assert.Throws<DirectoryNotFoundException>(() => DurableFile.WriteAllText(path, "x"));
        Assert.Throws<ArgumentException>(() => DurableFile.WriteAllText(folder.Path + Path.DirectorySeparatorChar, "x"));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static void AssertSameBytes(TempDirectory folder, string name, Action<string> withFile, Action<string> withDurableFile)
    {
        var expected = folder.File(name + ".file");
        var actual = folder.File(name + ".durable");
        withFile(expected);
        withDurableFile(actual);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(actual));
    }
}
