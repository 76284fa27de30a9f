using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cli.Tests.Client;

/// <summary><c>status</c>: what it asks a node, and the table or JSON it prints.</summary>
public sealed class StatusCommandTests
{
    private const string PowMembers = """
        [{"node":1,"address":"akka.tcp://actorchain@127.0.0.1:25521","httpPort":18081,"member":"Up","headHeight":12,"headHash":"00ab34cd56ef7890","peers":[2],"slot":null,"justified":null,"finalized":null,"mempool":0,"reorgs":1},
         {"node":2,"address":"akka.tcp://actorchain@127.0.0.1:25522","httpPort":18082,"member":"Up","headHeight":12,"headHash":"00ab34cd56ef7890","peers":[1],"slot":null,"justified":null,"finalized":null,"mempool":3,"reorgs":0}]
        """;

    private const string PosMembers = """
        [{"node":1,"address":"akka.tcp://actorchain@127.0.0.1:25521","httpPort":18081,"member":"Up","headHeight":41,"headHash":"77aa","peers":[2],"slot":41,"justified":{"epoch":4,"root":"aa"},"finalized":{"epoch":3,"root":"bb"},"mempool":0},
         {"node":2,"address":"akka.tcp://actorchain@127.0.0.1:25522","httpPort":null,"member":"Unreachable","headHeight":null,"headHash":null,"peers":null,"slot":null,"justified":null,"finalized":null,"mempool":null}]
        """;

    private const string Validators = """
        {"validators":[{"index":0,"name":"v0","node":1,"status":"active","slashed":false,"balance":"32","effectiveBalance":"32","lastAttestationSlot":40,"lastAttestationTarget":5,"lastProposalSlot":39,"fault":null},
                       {"index":1,"name":"v1","node":2,"status":"slashed","slashed":true,"balance":"31","effectiveBalance":"31","lastAttestationSlot":null,"lastAttestationTarget":null,"lastProposalSlot":null,"fault":"double-vote"}]}
        """;

    private static Task<FakeNode> NodeAsync(string members) => FakeNode.StartAsync(app =>
    {
        app.MapGet("/api/status", () => FakeNode.Json(200, members));
        app.MapGet("/api/validators", () => FakeNode.Json(200, Validators));
    });

    [Fact]
    public async Task Asks_the_cluster_status_and_the_validators_and_prints_a_pow_table()
    {
        await using var node = await NodeAsync(PowMembers);
        var (code, stdout, stderr) = await Cli.RunAsync("status", "--node", node.Address);
        code.Should().Be(0, stderr);
        node.Requests.Select(r => r.Method + " " + r.PathAndQuery).Should().BeEquivalentTo(["GET /api/status?cluster=true", "GET /api/validators"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex("^NODE +ADDRESS +MEMBER +HTTP +HEIGHT +HEAD +PEERS +MEMPOOL +REORGS$");
        lines[1].Should().MatchRegex(@"^1 +akka\.tcp://actorchain@127\.0\.0\.1:25521 +Up +18081 +12 +00ab34cd56ef +2 +0 +1$");
        lines[2].Should().MatchRegex(@"^2 +\S+ +Up +18082 +12 +00ab34cd56ef +1 +3 +0$");
        stdout.Should().NotContain("VALIDATOR", "no validator table before PoS");
    }

    [Fact]
    public async Task Shows_slot_and_checkpoints_once_in_pos_then_the_validators()
    {
        await using var node = await NodeAsync(PosMembers);
        var (code, stdout, _) = await Cli.RunAsync("status", "--node", node.Address);
        code.Should().Be(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex("^NODE +ADDRESS +MEMBER +HTTP +SLOT +HEAD +JUSTIFIED +FINALIZED +PEERS +MEMPOOL$");
        lines[1].Should().MatchRegex(@"^1 +\S+ +Up +18081 +41 +77aa +4 +3 +2 +0$");
        lines[2].Should().MatchRegex(@"^2 +\S+ +Unreachable +- +- +- +- +- +- +-$", "a member that does not answer has no head");
        lines[3].Should().MatchRegex("^VALIDATOR +INDEX +NODE +STATUS +BALANCE +EFFECTIVE +ATTESTED +PROPOSED +FAULT$");
        lines[4].Should().MatchRegex(@"^v0 +0 +1 +active +32 +32 +40/5 +39 +-$");
        lines[5].Should().MatchRegex(@"^v1 +1 +2 +slashed +31 +31 +- +- +double-vote$");
    }

    [Fact]
    public async Task Json_is_one_array_with_the_java_fields_and_each_members_validators()
    {
        await using var node = await NodeAsync(PosMembers);
        var (code, stdout, _) = await Cli.RunAsync("status", "--node", node.Address, "--json");
        code.Should().Be(0);
        stdout.Trim().Should().NotContain("\n", "one line");
        var members = JsonNode.Parse(stdout)!.AsArray();
        members.Should().HaveCount(2);
        var first = members[0]!.AsObject();
        first.Select(p => p.Key).Should().Contain(["node", "address", "httpPort", "member", "headHeight", "headHash", "peers", "validators", "slot", "justified", "finalized"]);
        first["validators"]!.AsArray().Select(v => (string)v!["name"]!).Should().Equal("v0");
        members[1]!["validators"]!.AsArray().Select(v => (string)v!["name"]!).Should().Equal("v1");
        stdout.Should().Contain("\"member\":\"Up\"", "scripts/cluster greps this form");
    }

    [Fact]
    public async Task An_http_error_is_its_json_error_on_one_line_and_exit_1()
    {
        await using var node = await FakeNode.StartAsync(app =>
            app.MapGet("/api/status", () => FakeNode.Json(503, """{"error":"the node did not answer: timeout"}""")));
        var (code, _, stderr) = await Cli.RunAsync("status", "--node", node.Address);
        code.Should().Be(1);
        Cli.OneLine(stderr).Should().Be($"actorchain: node at {node.Address} answered HTTP 503 to /api/status?cluster=true: the node did not answer: timeout");
    }

    [Fact]
    public async Task A_node_without_validators_still_gets_its_table()
    {
        await using var node = await FakeNode.StartAsync(app => app.MapGet("/api/status", () => FakeNode.Json(200, PowMembers)));
        var (code, stdout, _) = await Cli.RunAsync("status", "--node", node.Address, "--json");
        code.Should().Be(0);
        JsonNode.Parse(stdout)!.AsArray()[0]!["validators"]!.AsArray().Should().BeEmpty();
    }
}
