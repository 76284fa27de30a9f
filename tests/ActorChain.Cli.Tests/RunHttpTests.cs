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

    /// <summary>A writer other threads may read while the run writes.</summary>
    private sealed class SharedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock) _text.Append(value);
        }

        public override void Write(string? value)
        {
            lock (_lock) _text.Append(value);
        }

        public override string ToString()
        {
            lock (_lock) return _text.ToString();
        }
    }

    private static async Task<JsonNode> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The body of a 200, or null (a 503 while the nodes start).</summary>
    private static async Task<JsonNode?> TryGet(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>Polls <paramref name="read"/> until it holds, within <see cref="Bound"/>; the last value otherwise.</summary>
    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250)); // the poll interval of a bounded wait: nothing is timed
            value = await read();
        }

        return value;
    }

    [Fact]
    public async Task Run_serves_every_node_and_a_double_vote_posted_to_it_gets_the_validator_slashed()
    {
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var run = Task.Run(() => RunCommand.Run(
            new RunRequest { Pos = true, Nodes = 4, StopAfter = "50s", NoView = true, HttpPort = 0 }, stdout, stderr));

        var port = await Until(() => Task.FromResult(DashboardLine().Match(stdout.ToString())), m => m.Success || run.IsCompleted);
        port.Success.Should().BeTrue("run prints its dashboard's address: " + stdout + stderr);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.Groups[1].Value}"), Timeout = TimeSpan.FromSeconds(20) };

        var status = await Until(() => TryGet(http, "/api/status?node=1"), s => s?["slot"] is not null);
        status.Should().NotBeNull("node 1 answers once the run has started");
        status!["node"]!.GetValue<int>().Should().Be(1);
        status["validators"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1", "v5", "v9", "v13");

        var all = (await Get(http, "/api/status?cluster=true")).AsArray();
        all.Select(r => r!["node"]!.GetValue<int>()).Should().Equal(0, 1, 2, 3);

        var tree = await Until(async () => await Get(http, "/api/tree?node=2"), t => t["blocks"]!.AsArray().Count > 1);
        tree["era"]!.GetValue<string>().Should().Be("pos");
        tree["slotsPerEpoch"]!.GetValue<int>().Should().Be(8);
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

        var validators = await Until(async () => await Get(http, "/api/validators?node=3"),
            v => v["validators"]!.AsArray().Any(r => r!["name"]!.GetValue<string>() == "v5" && r["slashed"]!.GetValue<bool>()));
        var v5 = validators["validators"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "v5")!;
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
