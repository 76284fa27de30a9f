using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorChain.Cli.Commands;

namespace ActorChain.Cli.Tests;

/// <summary>
/// <c>run --http-port</c> end to end, in process: the API of every embedded node with <c>?node=N</c>, the block tree, and
/// a double vote injected over HTTP that gets its validator slashed; a busy port is one line and exit 2. Waits are bounded.
/// </summary>
public sealed partial class RunHttpTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [GeneratedRegex(@"dashboard: http://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DashboardLine();

    /// <summary>A writer other threads may read while the run writes; <see cref="Matched"/> completes once the text matches.</summary>
    private sealed class SharedWriter(Regex watch) : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();
        private readonly TaskCompletionSource<Match> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>The first match of the watched pattern in what was written.</summary>
        public Task<Match> Matched => _matched.Task;

        public override void Write(char value)
        {
            lock (_lock)
            {
                _text.Append(value);
                if (value == '\n') Check();
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                _text.Append(value);
                Check();
            }
        }

        public override string ToString()
        {
            lock (_lock) return _text.ToString();
        }

        private void Check()
        {
            if (_matched.Task.IsCompleted) return;
            var m = watch.Match(_text.ToString());
            if (m.Success) _matched.TrySetResult(m);
        }
    }

    private static async Task<JsonNode> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>
    /// Reads the run's <c>/api/events</c> (server-sent events, every node) until <paramref name="done"/> holds for an
    /// event; cancelled by <paramref name="ct"/> (the test's bound). Returns that event.
    /// </summary>
    private static async Task<JsonNode> Until(StreamReader events, Func<JsonNode, Task<bool>> done, CancellationToken ct)
    {
        while (true)
        {
            var line = await events.ReadLineAsync(ct) ?? throw new InvalidOperationException("the run's event stream ended");
            if (!line.StartsWith("data:", StringComparison.Ordinal))
                continue;
            var e = JsonNode.Parse(line["data:".Length..])!;
            if (await done(e))
                return e;
        }
    }

    private static int? NodeOf(JsonNode e) => e["node"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static string? TypeOf(JsonNode e) => e["type"]?.GetValue<string>();

    [Fact]
    public async Task Run_serves_every_node_and_a_double_vote_posted_to_it_gets_the_validator_slashed()
    {
        var stdout = new SharedWriter(DashboardLine());
        var stderr = new SharedWriter(DashboardLine());
        var run = Task.Run(() => RunCommand.Run(
            new RunRequest { Pos = true, Nodes = 4, StopAfter = "50s", NoView = true, HttpPort = 0 }, stdout, stderr));
        using var bound = new CancellationTokenSource(Bound);

        var first = await Task.WhenAny(stdout.Matched, run).WaitAsync(bound.Token);
        first.Should().BeSameAs(stdout.Matched, "run prints its dashboard's address: " + stdout + stderr);
        var port = (await stdout.Matched).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        using var streaming = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }; // bounded by `bound`
        using var stream = await streaming.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, bound.Token);
        stream.StatusCode.Should().Be(HttpStatusCode.OK);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(bound.Token));

        // node 1 has started and node 2 has imported a block: one read of each answers
        bool node1 = false, node2 = false;
        await Until(events, e =>
        {
            node1 |= NodeOf(e) == 1 && TypeOf(e) == "head_changed";
            node2 |= NodeOf(e) == 2 && TypeOf(e) == "block_imported" && e["slot"]!.GetValue<ulong>() > 0;
            return Task.FromResult(node1 && node2);
        }, bound.Token);

        var status = await Get(http, "/api/status?node=1");
        status["slot"].Should().NotBeNull("node 1 answers once the run has started");
        status["node"]!.GetValue<int>().Should().Be(1);
        status["validators"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1", "v5", "v9", "v13");

        var all = (await Get(http, "/api/status?cluster=true")).AsArray();
        all.Select(r => r!["node"]!.GetValue<int>()).Should().Equal(0, 1, 2, 3);

        var tree = await Get(http, "/api/tree?node=2");
        tree["era"]!.GetValue<string>().Should().Be("pos");
        tree["slotsPerEpoch"]!.GetValue<int>().Should().Be(8);
        tree["blocks"]!.AsArray().Count.Should().BeGreaterThan(1, tree.ToJsonString());
        tree["blocks"]!.AsArray().Should().Contain(b => b!["canonical"]!.GetValue<bool>() && b["proposerName"] != null);
        tree["heads"]!.AsArray().Select(h => h!["node"]!.GetValue<int>()).Should().Contain(2);

        using (var missing = await http.GetAsync("/api/status?node=9"))
        {
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await missing.Content.ReadAsStringAsync()).Should().Contain("no node 9 in this run");
        }

        using (var posted = await http.PostAsync("/api/faults",
                   new StringContent("""{"kind": "double-vote", "validator": "v5"}""", Encoding.UTF8, "application/json")))
        {
            var body = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
            posted.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
            body["acceptedBy"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(1);
        }

        // node 3 applies v5's slashing (validator_slashed); its API reads the head state, so it is read then, and again
        // on each later head change of node 3 until the head carries the slashing
        JsonNode? validators = null;
        var slashedSeen = false;
        await Until(events, async e =>
        {
            if (NodeOf(e) != 3)
                return false;
            slashedSeen |= TypeOf(e) == "validator_slashed" && e["name"]?.GetValue<string>() == "v5";
            if (!slashedSeen || TypeOf(e) is not ("validator_slashed" or "head_changed"))
                return false;
            validators = await Get(http, "/api/validators?node=3");
            return validators["validators"]!.AsArray().Any(r => r!["name"]!.GetValue<string>() == "v5" && r["slashed"]!.GetValue<bool>());
        }, bound.Token);
        var v5 = validators!["validators"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "v5")!;
        v5["slashed"]!.GetValue<bool>().Should().BeTrue("v5 double voted: " + validators.ToJsonString());
        v5["status"]!.GetValue<string>().Should().Be("slashed");
        v5["fault"]!.GetValue<string>().Should().Be("double-vote");

        (await run.WaitAsync(TimeSpan.FromSeconds(90))).Should().Be(0, stderr.ToString());
    }

    [Fact]
    public void A_port_in_use_is_one_line_naming_it_and_exit_2()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = RunCommand.Run(new RunRequest { Pos = true, Nodes = 1, StopAfter = "2s", NoView = true, HttpPort = port }, stdout, stderr);

        code.Should().Be(Program.BadInput);
        stderr.ToString().Trim().Should().Be($"actorchain: run: --http-port: port {port} is in use on 127.0.0.1; pass --http-port 0 for any free port, or --no-http");
        stdout.ToString().Should().NotContain("dashboard:");
    }
}
