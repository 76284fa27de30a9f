using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorChain.Core.Tests;

namespace ActorChain.Cli.Tests.Client;

/// <summary><c>scripts/cluster</c> without starting a cluster: its syntax, its usage and its bad-input lines.</summary>
public sealed class ClusterScriptTests : IDisposable
{
    private static readonly string _script = Path.Combine(SharedFiles.RepoRoot, "scripts", "cluster");
    private readonly DirectoryInfo _runDir = Directory.CreateTempSubdirectory("actorchain-cluster-");

    public void Dispose() => _runDir.Delete(recursive: true);

    private (int Code, string Out, string Err) Bash(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _runDir.FullName };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ACTORCHAIN_CLUSTER_DIR"] = Path.Combine(_runDir.FullName, ".cluster");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(30_000).Should().BeTrue("bash returns at once");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Parses_with_bash_n() => Bash("-n", _script).Code.Should().Be(0);

    [Fact]
    public void Help_prints_the_usage_with_every_verb()
    {
        var (code, _, stderr) = Bash(_script, "--help");
        code.Should().Be(2);
        stderr.Should().Contain("scripts/cluster up N [--pow|--pos] [--merge-at H] [--validators K] [--base-port P] [--http-base-port H]");
        foreach (var verb in (string[])["status [--json]", "logs [I]", "kill I", "restart I", "merge H", "inject KIND", "down"])
            stderr.Should().Contain("scripts/cluster " + verb);
    }

    [Theory]
    [InlineData("cluster: a command is required")]
    [InlineData("cluster: unknown command 'frob'", "frob")]
    public void A_missing_or_unknown_verb_is_exit_2(string expected, params string[] args)
    {
        var (code, _, stderr) = Bash([_script, .. args]);
        code.Should().Be(2);
        stderr.Split('\n')[0].Should().StartWith(expected);
    }

    [Theory]
    [InlineData("cluster: up needs the number of nodes, e.g. 'scripts/cluster up 3'", "up")]
    [InlineData("cluster: up needs the number of nodes", "up", "0")]
    [InlineData("cluster: up: unknown option '--frob'", "up", "3", "--frob")]
    [InlineData("cluster: --merge-at needs a value", "up", "3", "--merge-at")]
    [InlineData("cluster: --merge-at is for a PoW cluster that merges later; --pos starts in PoS", "up", "3", "--pos", "--merge-at", "9")]
    [InlineData("cluster: --validators must be a number ≥ 1, got 'x'", "up", "3", "--validators", "x")]
    [InlineData("cluster: --base-port must be a port number, got '70000'", "up", "3", "--base-port", "70000")]
    [InlineData("cluster: the remoting ports 18081..18083 and the HTTP ports 18081..18083 overlap", "up", "3", "--base-port", "18080")]
    public void Bad_flags_of_up_are_one_line_and_exit_2_before_anything_starts(string expected, params string[] args)
    {
        var (code, _, stderr) = Bash([_script, .. args]);
        code.Should().Be(2);
        stderr.Trim().Should().StartWith(expected).And.NotContain("\n", "one line");
        Directory.Exists(Path.Combine(_runDir.FullName, ".cluster")).Should().BeFalse("nothing was started");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("logs", "1")]
    [InlineData("kill", "1")]
    [InlineData("restart", "1")]
    [InlineData("merge", "5")]
    [InlineData("inject", "heal")]
    [InlineData("down")]
    public void Verbs_without_a_cluster_say_so_in_one_line(params string[] args)
    {
        var (code, _, stderr) = Bash([_script, .. args]);
        code.Should().Be(1);
        stderr.Trim().Should().Be($"cluster: no cluster in {Path.Combine(_runDir.FullName, ".cluster")} (start one with 'scripts/cluster up N')");
    }

    [Fact]
    public void Up_on_a_busy_port_fails_in_one_line_before_it_starts_anything()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var (code, _, stderr) = Bash(_script, "up", "2", "--base-port", (port - 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-base-port", (port + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        code.Should().Be(1);
        stderr.Trim().Should().Be($"cluster: port 127.0.0.1:{port} (node 2) is in use; stop what listens there or pick other ports with --base-port P --http-base-port H");
        Directory.EnumerateFileSystemEntries(Path.Combine(_runDir.FullName, ".cluster")).Select(Path.GetFileName).Should().Equal("up.lock");
    }

    [Fact]
    public void A_second_up_leaves_a_running_cluster_alone()
    {
        // A cluster of one node: a process whose command line is node 1's of this run dir.
        var run = Directory.CreateDirectory(Path.Combine(_runDir.FullName, ".cluster"));
        File.WriteAllText(Path.Combine(run.FullName, "cluster.env"), "NODES=1\nBASE_PORT=25520\nHTTP_BASE=18080\n");
        var node1 = Directory.CreateDirectory(Path.Combine(run.FullName, "node-1"));
        File.WriteAllText(Path.Combine(node1.FullName, "args"), "declare -a args=([0]=\"node\")\n");
        var fake = new ProcessStartInfo("bash") { ArgumentList = { "-c", "sleep 60; :", Path.Combine(run.FullName, "cli", "actorchain.dll"), "node", "--id", "1", "--port", "1" } };
        using var node = Process.Start(fake)!;
        try
        {
            File.WriteAllText(Path.Combine(node1.FullName, "node.pid"), node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var before = File.GetLastWriteTimeUtc(Path.Combine(node1.FullName, "args"));

            var (code, _, stderr) = Bash(_script, "up", "3");

            code.Should().Be(1);
            stderr.Trim().Should().Be($"cluster: a cluster is already running in {run.FullName} (nodes 1); run 'scripts/cluster down' first");
            File.ReadAllText(Path.Combine(run.FullName, "cluster.env")).Should().StartWith("NODES=1\n");
            File.GetLastWriteTimeUtc(Path.Combine(node1.FullName, "args")).Should().Be(before);
            Directory.Exists(Path.Combine(run.FullName, "node-2")).Should().BeFalse();
            node.HasExited.Should().BeFalse("the running node is left alone");
        }
        finally
        {
            node.Kill();
        }
    }

    [Fact]
    public void A_stale_pid_reused_by_another_process_is_not_a_node()
    {
        // node.pid names a live process that is not node 1 of this run dir (a pid reused since the node died).
        var run = Directory.CreateDirectory(Path.Combine(_runDir.FullName, ".cluster"));
        File.WriteAllText(Path.Combine(run.FullName, "cluster.env"), "NODES=1\nBASE_PORT=25520\nHTTP_BASE=18080\n");
        var node1 = Directory.CreateDirectory(Path.Combine(run.FullName, "node-1"));
        Directory.CreateDirectory(Path.Combine(run.FullName, "cli"));
        File.WriteAllText(Path.Combine(run.FullName, "cli", "actorchain.dll"), string.Empty);
        using var other = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            File.WriteAllText(Path.Combine(node1.FullName, "node.pid"), other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (code, _, stderr) = Bash(_script, "kill", "1");
            code.Should().Be(1);
            stderr.Trim().Should().Be("cluster: node 1 is not running");
            other.HasExited.Should().BeFalse("another process's pid is never signalled");
        }
        finally
        {
            other.Kill();
        }
    }

    [Theory]
    [InlineData("status")]
    [InlineData("status", "--json")]
    [InlineData("merge", "5")]
    [InlineData("inject", "heal")]
    [InlineData("kill", "2")]
    public void Verbs_of_a_cluster_whose_nodes_are_all_down_say_so_in_one_line(params string[] args)
    {
        var run = Directory.CreateDirectory(Path.Combine(_runDir.FullName, ".cluster"));
        File.WriteAllText(Path.Combine(run.FullName, "cluster.env"), "NODES=2\nBASE_PORT=25520\nHTTP_BASE=18080\n");
        Directory.CreateDirectory(Path.Combine(run.FullName, "cli"));
        File.WriteAllText(Path.Combine(run.FullName, "cli", "actorchain.dll"), string.Empty);
        var (code, stdout, stderr) = Bash([_script, .. args]);
        code.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Trim().Should().Be(args[0] == "kill" ? "cluster: node 2 is not running" : $"cluster: no node of the cluster in {run.FullName} is running");
    }
}
