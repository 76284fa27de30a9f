using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace ActorChain.Cli.Tests.Client;

/// <summary>
/// <c>inject</c> (the Java version's <c>InjectCommandTest</c>, then the requests it sends): bad flags are refused before
/// it talks to a node, in one line naming the flag with exit 2; the body is the scenario fault entry's fields; it prints
/// who took the fault; what the node refuses is one line and exit 1.
/// </summary>
public sealed class InjectCommandTests
{
    private const string Accepted = """
        {"accepted":true,"detail":"double-vote v3 injected on node 2","acceptedBy":[2],"faults":[],"untilMillis":null,"answers":[{"node":2,"outcome":"accepted","detail":"double-vote v3 injected on node 2"}]}
        """;

    private static async Task<string> OneLineExit2(params string[] args)
    {
        var (code, _, stderr) = await Cli.RunAsync(args);
        code.Should().Be(2, stderr);
        return Cli.OneLine(stderr);
    }

    private static Task<FakeNode> NodeAsync(int status, string answer) => FakeNode.StartAsync(app =>
    {
        app.MapPost("/api/faults", () => FakeNode.Json(status, answer));
        app.MapDelete("/api/faults", () => FakeNode.Json(status, answer));
    });

    [Fact]
    public async Task Names_an_unknown_kind_and_the_kinds()
    {
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "bribe", "--validator", "v1"))
            .Should().StartWith("actorchain: unknown fault kind 'bribe'; the kinds are crash, double-proposal, double-vote, heal,")
            .And.EndWith("(see 'actorchain inject --help')");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1")).Should().Contain("KIND");
    }

    [Fact]
    public async Task Names_a_flag_that_does_not_apply_to_the_kind()
    {
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--delay", "3s"))
            .Should().StartWith("actorchain: --delay does not apply to offline (its flags: --validator)");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "heal", "--node-index", "2"))
            .Should().StartWith("actorchain: --node-index does not apply to heal (its flags: none)");
    }

    [Fact]
    public async Task Names_a_bad_value_by_its_flag()
    {
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "partition", "--groups", "1,x/2"))
            .Should().Contain("--groups must be node ids ≥ 0, comma-separated, groups split by '/' (e.g. 1,2/3,4), got '1,x/2'");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--until", "soon"))
            .Should().Contain("--until must be a duration such as 500ms or 30s, got 'soon'");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "late", "--validator", "v1", "--delay", "0s"))
            .Should().Contain("--delay must be positive, got '0s'");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--clear", "--until", "5s"))
            .Should().Contain("--until is for an injection; --clear ends the fault now");
        (await OneLineExit2("inject", "--node", "127.0.0.1:1", "loss", "--probability", "1.5"))
            .Should().Contain("--probability must be in [0, 1], got 1.5");
        (await OneLineExit2("inject", "--node", "nowhere", "offline", "--validator", "v1")).Should().Contain("--node");
    }

    [Fact]
    public async Task Says_when_the_node_cannot_be_reached()
    {
        var closed = FakeNode.ClosedAddress();
        var (code, _, stderr) = await Cli.RunAsync("inject", "--node", closed, "offline", "--validator", "v1");
        code.Should().Be(1);
        Cli.OneLine(stderr).Should().Be($"actorchain: cannot reach node at {closed}: connection refused");
    }

    [Fact]
    public void Describes_every_flag_in_its_help()
    {
        var inject = Program.BuildRoot().Subcommands.Single(c => c.Name == "inject");
        inject.Options.Where(o => o.Name is not ("--help" or "-h" or "-?")).Should().AllSatisfy(o => o.Description.Should().NotBeNullOrWhiteSpace(o.Name));
        inject.Arguments.Should().AllSatisfy(a => a.Description.Should().NotBeNullOrWhiteSpace());
        inject.Options.Select(o => o.Name).Should().Contain(["--validator", "--node-index", "--groups", "--delay", "--until", "--clear", "--mean", "--jitter",
            "--probability", "--release", "--json", "--node"]);
    }

    [Fact]
    public async Task Posts_the_fault_entry_and_prints_who_took_it()
    {
        await using var node = await NodeAsync(200, Accepted);
        var (code, stdout, stderr) = await Cli.RunAsync("inject", "double-vote", "--validator", "v3", "--until", "30s", "--node", node.Address);
        code.Should().Be(0, stderr);
        var request = node.Requests.Single();
        (request.Method, request.PathAndQuery).Should().Be(("POST", "/api/faults"));
        request.Json.ToJsonString().Should().Be("""{"kind":"double-vote","validator":"v3","until":"30s"}""");
        stdout.Trim().Should().Be("accepted by node 2: double-vote v3 injected on node 2");
    }

    [Fact]
    public async Task Clear_sends_a_delete_and_json_prints_the_answer()
    {
        await using var node = await NodeAsync(200, Accepted.Replace("injected", "cleared", StringComparison.Ordinal));
        var (code, stdout, _) = await Cli.RunAsync("inject", "offline", "--validator", "v3", "--clear", "--node", node.Address);
        code.Should().Be(0);
        node.Requests.Single().Method.Should().Be("DELETE");
        stdout.Trim().Should().Be("cleared by node 2: double-vote v3 cleared on node 2");
        var json = await Cli.RunAsync("inject", "offline", "--validator", "v3", "--node", node.Address, "--json");
        JsonNode.Parse(json.Out)!["acceptedBy"]!.AsArray().Select(n => (int)n!).Should().Equal(2);
    }

    [Theory]
    [InlineData("""{"kind":"double-proposal","validators":["v1","v2"]}""", "double-proposal", "--validator", "v1", "--validator", "v2")]
    [InlineData("""{"kind":"late","validator":"v1","delay":"3s"}""", "late", "--validator", "v1", "--delay", "3s")]
    [InlineData("""{"kind":"partition","groups":[[1,2],[3,4]]}""", "partition", "--groups", "1,2/3,4")]
    [InlineData("""{"kind":"latency","mean":"2s","jitter":"100ms"}""", "latency", "--mean", "2s", "--jitter", "100ms")]
    [InlineData("""{"kind":"loss","probability":0.25}""", "loss", "--probability", "0.25")]
    [InlineData("""{"kind":"private-chain","node":3,"release":"height 40"}""", "private-chain", "--node-index", "3", "--release", "height 40")]
    [InlineData("""{"kind":"crash","node":2}""", "crash", "--node-index", "2")]
    [InlineData("""{"kind":"heal"}""", "heal")]
    public async Task Each_kind_sends_the_scenario_fields(string expected, params string[] args)
    {
        await using var node = await NodeAsync(200, Accepted);
        var (code, _, stderr) = await Cli.RunAsync(["inject", .. args, "--node", node.Address]);
        code.Should().Be(0, stderr);
        node.Requests.Single().Json.ToJsonString().Should().Be(expected);
    }

    [Fact]
    public async Task A_crash_prints_what_the_node_answered()
    {
        await using var node = await NodeAsync(200, """{"accepted":true,"detail":"node 2 crashed; restarts in 5s from its data dir","acceptedBy":[2]}""");
        var (code, stdout, _) = await Cli.RunAsync("inject", "crash", "--node-index", "2", "--node", node.Address);
        code.Should().Be(0);
        stdout.Trim().Should().Be("accepted by node 2: node 2 crashed; restarts in 5s from its data dir");
    }

    [Theory]
    [InlineData(400, 2, "bad fault: fault.validator: validator v99 is not in the genesis; the validators are v0, v1")]
    [InlineData(404, 2, "fault refused by the cluster: no node hosts v99")]
    [InlineData(409, 1, "fault refused by the cluster: no node hosts v99")]
    [InlineData(503, 1, "the cluster did not answer in time: no node hosts v99")]
    public async Task A_refusal_is_the_nodes_error_on_one_line_and_exit_2_for_bad_input_else_1(int status, int exit, string expected)
    {
        var error = status == 400 ? "fault.validator: validator v99 is not in the genesis; the validators are v0, v1" : "no node hosts v99";
        await using var node = await NodeAsync(status, $$"""{"error":"{{error}}","kind":"offline","accepted":false,"answers":[]}""");
        var (code, stdout, stderr) = await Cli.RunAsync("inject", "offline", "--validator", "v99", "--node", node.Address);
        code.Should().Be(exit);
        stdout.Should().BeEmpty();
        Cli.OneLine(stderr).Should().Be("actorchain: " + expected);
    }
}
