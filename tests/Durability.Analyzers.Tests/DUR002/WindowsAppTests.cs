using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 in a project that runs on Windows only, where no directory can be fsynced: its assembly is marked
/// <c>[SupportedOSPlatform("windows")]</c> (as the SDK marks a <c>net8.0-windows</c> build), its target framework is a
/// Windows one, or it is a WPF app (its code imports WPF's controls), even when built without its references. WinForms
/// alone does not make a project Windows-only: Mono runs it on Linux.
/// </summary>
public sealed class WindowsAppTests
{
    private const string ProfileStore = """
        using System.IO;

        public sealed class ProfileStore
        {
            private readonly string _folder = "profiles";

            public void Add(string name, byte[] profile)
            {
                using var file = {|#0:File.Create(Path.Combine(_folder, name + ".profile"))|};
                file.Write(profile, 0, profile.Length);
                file.Flush(true);
            }
        }
        """;

    private const string WpfWindow = """
        using System.Windows;
        using System.Windows.Controls;

        public partial class ProfilesWindow : Window
        {
            private readonly ProfileStore _store = new ProfileStore();

            private void OnAdd(object sender, RoutedEventArgs e) => _store.Add(((TextBox)sender).Text, new byte[0]);
        }
        """;

    private const string WinFormsForm = """
        using System.Windows.Forms;

        public partial class ProfilesForm : Form
        {
            private readonly ProfileStore _store = new ProfileStore();

            private void OnAdd(object sender, System.EventArgs e) => _store.Add(((TextBox)sender).Text, new byte[0]);
        }
        """;

    private static DiagnosticResult ProfileCreated() => Created(0, "'Path.Combine(_folder, name + \".profile\")'", "'_folder'");

    [Fact]
    public Task A_new_file_of_a_portable_project_is_flagged() => Run(new[] { ProfileStore }, editorConfig: null, ProfileCreated());

    [Fact]
    public Task A_new_file_of_a_wpf_app_is_left_alone_even_without_the_wpf_references() =>
        Run(new[] { ProfileStore.Replace("{|#0:", string.Empty).Replace(")|};", ");"), WpfWindow }, editorConfig: null);

    [Fact]
    public Task A_new_file_of_a_winforms_app_is_still_flagged() => Run(new[] { ProfileStore, WinFormsForm }, editorConfig: null, ProfileCreated());

    [Fact]
    public Task A_new_file_of_an_assembly_marked_windows_only_is_left_alone() =>
        Run(new[] { ProfileStore.Replace("{|#0:", string.Empty).Replace(")|};", ");"), "[assembly: System.Runtime.Versioning.SupportedOSPlatform(\"windows7.0\")]" }, editorConfig: null);

    [Fact]
    public Task A_new_file_of_a_project_targeting_a_windows_framework_is_left_alone() =>
        Run(
            new[] { ProfileStore.Replace("{|#0:", string.Empty).Replace(")|};", ");") },
            "is_global = true\nbuild_property.TargetFramework = net8.0-windows10.0.19041.0\n");

    [Fact]
    public Task A_new_file_of_a_project_targeting_a_portable_framework_is_flagged() =>
        Run(new[] { ProfileStore }, "is_global = true\nbuild_property.TargetFramework = net8.0\n", ProfileCreated());

    private static Task Run(string[] sources, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<UnsyncedDirectoryEntryAnalyzer> { EditorConfig = editorConfig };
        test.Sources.AddRange(sources);
        test.ExpectedDiagnostics.AddRange(expected);

        // WPF's and WinForms' assemblies are not referenced, as in a lone analysis of an app's sources.
        test.AllowedCompilerErrors.Add("CS0234");
        test.AllowedCompilerErrors.Add("CS0246");
        return test.RunAsync();
    }
}
