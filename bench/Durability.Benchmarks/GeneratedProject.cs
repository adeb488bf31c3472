using System.Globalization;
using System.IO;
using System.Text;

namespace Durability.Benchmarks;

/// <summary>
/// Writes a large C# project: storage types with the patterns the rules look at (flushes, fsyncs, file
/// creations and renames, batch counters) mixed with ordinary code (string work, LINQ, arithmetic).
/// </summary>
internal static class GeneratedProject
{
    public static void Write(string directory, int lines, string analyzerAssembly, int storageEvery)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <AnalysisMode>Recommended</AnalysisMode>
                <EnableNETAnalyzers>true</EnableNETAnalyzers>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{analyzerAssembly}" />
              </ItemGroup>
            </Project>
            """);
        var written = 0;
        for (var file = 0; written < lines; file++)
        {
            var text = new StringBuilder();
            text.AppendLine("using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Linq;\n");
            text.AppendLine(CultureInfo.InvariantCulture, $"namespace Generated.Part{file};\n");
            for (var unit = 0; unit < 10; unit++)
            {
                var id = file * 10 + unit;
                text.AppendLine((id % storageEvery == 0 ? StorageType : OrdinaryType).Replace("NN", id.ToString(CultureInfo.InvariantCulture), System.StringComparison.Ordinal));
            }

            var content = text.ToString();
            written += content.Split('\n').Length;
            File.WriteAllText(Path.Combine(directory, $"Part{file}.cs"), content);
        }
    }

    private const string StorageType = """
        public sealed class SegmentLogNN : IDisposable
        {
            private readonly string _directory;
            private readonly int _threshold = 100;
            private FileStream _fd;
            private int _writes;

            public SegmentLogNN(string directory)
            {
                _directory = directory;
                _fd = new FileStream(Path.Combine(directory, "NN.log"), FileMode.Append);
            }

            public void Append(byte[] record)
            {
                _fd.Write(record);
                _fd.Flush();
                if (++_writes >= _threshold)
                {
                    _fd.Flush(true);
                    _writes = 0;
                }
            }

            public void Checkpoint(byte[] state)
            {
                _fd.Write(state);
                _fd.Flush(true);
            }

            public void Rewrite(byte[] kept)
            {
                var path = Path.Combine(_directory, "NN.log");
                var tmp = path + ".tmp";
                File.WriteAllBytes(tmp, kept);
                File.Move(tmp, path, true);
                File.Delete(path + ".old");
            }

            public string Describe(IEnumerable<int> sizes) => string.Join(",", sizes.Where(s => s > 0).Select(s => s.ToString()));

            public void Dispose() => _fd.Dispose();
        }
        """;

    private const string OrdinaryType = """
        public sealed class ReportNN
        {
            private readonly List<string> _rows = new();

            public void Add(string name, int value)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentException("A name is needed.", nameof(name));
                }

                _rows.Add(name.Trim() + "=" + (value * 3 + 1).ToString());
            }

            public IEnumerable<string> Top(int count) => _rows.OrderBy(r => r.Length).ThenBy(r => r, StringComparer.Ordinal).Take(count);

            public double Mean()
            {
                var total = 0.0;
                foreach (var row in _rows)
                {
                    total += row.Length;
                }

                return _rows.Count == 0 ? 0 : total / _rows.Count;
            }

            public void Export(string path)
            {
                using var output = new StreamWriter(path);
                foreach (var row in _rows)
                {
                    output.WriteLine(row);
                }

                output.Flush();
            }
        }
        """;
}
