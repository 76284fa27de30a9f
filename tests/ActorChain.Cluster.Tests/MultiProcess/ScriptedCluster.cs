using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ActorChain.Cluster.Tests.MultiProcess;

/// <summary>
/// A cluster of node processes run by <c>scripts/cluster</c> in a temporary run dir on free loopback ports, for the
/// multi-process tests. Every command runs from the repository root with a deadline. The nodes run the CLI this test
/// assembly was built with (<c>ACTORCHAIN_BIN</c>), copied once into the run dir by <c>up</c>, so a rebuild of the
/// repository while the test runs changes nothing under its processes.
/// </summary>
internal sealed class ScriptedCluster : IDisposable
{
    /// <summary>The repository root: the first directory above the test assembly holding ActorChain.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the CLI this test assembly references was built (actorchain.dll).</summary>
    public static string Bin { get; } = AppContext.BaseDirectory;

    /// <summary>Set to 1 to skip the multi-process tests (e.g. locally on a busy machine).</summary>
    public const string SkipVariable = "ACTORCHAIN_SKIP_CLUSTER";

    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly TimeSpan _upTimeout;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A cluster of <paramref name="nodes"/> nodes named <paramref name="name"/> (its run dir's prefix), not started.</summary>
    public ScriptedCluster(string name, int nodes, TimeSpan upTimeout)
    {
        RunDir = Directory.CreateTempSubdirectory("actorchain-" + name + "-").FullName;
        Nodes = nodes;
        _upTimeout = upTimeout;
        BasePort = FreeRun(nodes);
        int http;
        do
        {
            http = FreeRun(nodes);
        }
        while (Math.Abs(http - BasePort) <= nodes);
        HttpBase = http;
    }

    /// <summary>The run dir (ACTORCHAIN_CLUSTER_DIR): logs, pids, data dirs, the binaries' copy.</summary>
    public string RunDir { get; }

    /// <summary>How many nodes <c>up</c> starts.</summary>
    public int Nodes { get; }

    /// <summary>Node I's remoting port is BasePort + I.</summary>
    public int BasePort { get; }

    /// <summary>Node I's HTTP port is HttpBase + I.</summary>
    public int HttpBase { get; }

    /// <summary>Node <paramref name="node"/>'s HTTP port.</summary>
    public int HttpPort(int node) => HttpBase + node;

    /// <summary>An environment variable for every command this cluster runs.</summary>
    public ScriptedCluster Env(string key, string value)
    {
        _env[key] = value;
        return this;
    }

    /// <summary><c>scripts/cluster up N --base-port P --http-base-port H</c> followed by <paramref name="options"/>.</summary>
    public Result Up(params string[] options) =>
        Run(_upTimeout, ["scripts/cluster", "up", Nodes.ToString(CultureInfo()), "--base-port", BasePort.ToString(CultureInfo()),
            "--http-base-port", HttpBase.ToString(CultureInfo()), .. options]);

    /// <summary>Runs <c>scripts/cluster ARGS</c>.</summary>
    public Result Script(TimeSpan timeout, params string[] args) => Run(timeout, ["scripts/cluster", .. args]);

    /// <summary>Runs the CLI (<c>actorchain ARGS</c>) this test assembly was built with.</summary>
    public Result Cli(TimeSpan timeout, params string[] args) => Run(timeout, ["dotnet", Path.Combine(Bin, "actorchain.dll"), .. args]);

    /// <summary>Runs a command from the repository root with the run dir in its environment; kills it at the deadline.</summary>
    public Result Run(TimeSpan timeout, string[] command)
    {
        var start = new ProcessStartInfo(command[0] == "dotnet" ? "dotnet" : Path.Combine(Root, command[0]))
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
            start.ArgumentList.Add(arg);
        start.Environment["ACTORCHAIN_CLUSTER_DIR"] = RunDir;
        start.Environment["ACTORCHAIN_BIN"] = Bin;
        start.Environment["ACTORCHAIN_UP_TIMEOUT"] = ((int)Math.Max(30, _upTimeout.TotalSeconds - 30)).ToString(CultureInfo());
        foreach (var (k, v) in _env)
            start.Environment[k] = v;
        using var p = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command[0]);
        var output = new System.Text.StringBuilder();
        var gate = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            lock (gate)
                return new Result(-1, $"timed out after {timeout}: {string.Join(' ', command)}\n{output}");
        }
        p.WaitForExit(); // flushes the redirected streams
        lock (gate)
            return new Result(p.ExitCode, output.ToString());
    }

    /// <summary>GET <paramref name="path"/> on node <paramref name="node"/>'s HTTP API; asserts 200 and parses the JSON.</summary>
    public async Task<JsonNode> GetAsync(int node, string path)
    {
        using var r = await _http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort(node)}{path}"));
        var body = await r.Content.ReadAsStringAsync();
        ((int)r.StatusCode).Should().Be(200, "GET {0} on node {1} answered {2}", path, node, body);
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"GET {path} on node {node}: null JSON");
    }

    /// <summary>The members of a <c>status --json</c> / <c>/api/status?cluster=true</c> answer, by node id.</summary>
    public static SortedDictionary<int, JsonNode> ByNode(JsonNode members)
    {
        var byNode = new SortedDictionary<int, JsonNode>();
        foreach (var m in members.AsArray())
            byNode[(int)m!["node"]!] = m;
        return byNode;
    }

    /// <summary>The last non-blank line of <paramref name="output"/>, trimmed.</summary>
    public static string LastLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";

    /// <summary><c>scripts/cluster down</c>; the run dir is deleted only when <paramref name="allPassed"/>, else kept with every node's log.</summary>
    public Result Finish(bool allPassed)
    {
        var down = Script(TimeSpan.FromSeconds(90), "down");
        if (allPassed && down.ExitCode == 0)
        {
            try
            {
                Directory.Delete(RunDir, recursive: true);
            }
            catch (IOException)
            {
                // a log still open by a dying process: the temp dir is left behind
            }
        }

        return down;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>A port P such that P+1..P+n are free on loopback now.</summary>
    public static int FreeRun(int n)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            int candidate;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                candidate = ((IPEndPoint)probe.LocalEndpoint).Port - 1;
                probe.Stop();
            }
            if (candidate + n <= 65535 && AllFree(candidate + 1, candidate + n))
                return candidate;
        }
        throw new InvalidOperationException($"no run of {n} free loopback ports found");
    }

    private static bool AllFree(int from, int to)
    {
        var held = new List<TcpListener>();
        try
        {
            for (var port = from; port <= to; port++)
            {
                var l = new TcpListener(IPAddress.Loopback, port);
                l.Start();
                held.Add(l);
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var l in held)
                l.Stop();
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorChain.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ActorChain.sln not found above " + AppContext.BaseDirectory);
    }

    private static System.Globalization.CultureInfo CultureInfo() => System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>A command's exit code and its output (stdout and stderr interleaved).</summary>
    public sealed record Result(int ExitCode, string Output);
}
