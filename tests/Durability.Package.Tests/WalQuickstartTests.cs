using System.IO;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Package.Tests;

/// <summary>samples/WalQuickstart runs as a new user would run it and tells the truth about the crash.</summary>
public sealed class WalQuickstartTests
{
    [Fact]
    public async Task Quickstart_runs_every_mode_a_batch_a_checkpoint_and_a_crash()
    {
        var project = Path.Combine(RepositoryPaths.Root, "samples", "WalQuickstart");
        var run = (await DotnetCli.RunAsync(project, null, "run", "--project", project)).EnsureSuccess("dotnet run of WalQuickstart");

        Assert.Contains("Sync  mode: 25 appends, 25 fsyncs", run.Output);
        Assert.Contains("Batch mode: 25 appends, 2 fsyncs", run.Output);
        Assert.Contains("None  mode: 25 appends, 0 fsyncs", run.Output);
        Assert.Contains("Atomic batch committed at sequence 3; checkpoint at 4", run.Output);
        Assert.Contains("replayed 2 BatchData account:bob +100", run.Output);
        Assert.Contains("Killed the writer after it acknowledged record 500", run.Output);
        Assert.Contains("Every acknowledged record survived the crash.", run.Output);
    }
}
