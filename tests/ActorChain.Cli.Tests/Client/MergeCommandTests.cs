using Microsoft.AspNetCore.Builder;

namespace ActorChain.Cli.Tests.Client;

/// <summary><c>merge --at-height H</c>: <c>POST /api/merge {"atHeight": H}</c>; 202 is one line, 409 its reason and exit 1.</summary>
public sealed class MergeCommandTests
{
    [Fact]
    public async Task Posts_the_height_and_says_the_merge_is_scheduled()
    {
        await using var node = await FakeNode.StartAsync(app => app.MapPost("/api/merge", () => FakeNode.Json(202, """{"atHeight":20}""")));
        var (code, stdout, stderr) = await Cli.RunAsync("merge", "--at-height", "20", "--node", node.Address);
        code.Should().Be(0, stderr);
        var request = node.Requests.Single();
        (request.Method, request.PathAndQuery).Should().Be(("POST", "/api/merge"));
        ((long)request.Json["atHeight"]!).Should().Be(20);
        stdout.Trim().Should().Be("merge scheduled at PoW height 20: every node swaps to PoS once its head is past it by the merge confirmations");
    }

    [Fact]
    public async Task A_refusal_prints_the_nodes_reason_and_exits_1()
    {
        await using var node = await FakeNode.StartAsync(app => app.MapPost("/api/merge",
            () => FakeNode.Json(409, """{"error":"the head is at height 31, past 20","kind":"conflict"}""")));
        var (code, stdout, stderr) = await Cli.RunAsync("merge", "--at-height", "20", "--node", node.Address);
        code.Should().Be(1);
        stdout.Should().BeEmpty();
        Cli.OneLine(stderr).Should().Be($"actorchain: merge refused by node at {node.Address}: the head is at height 31, past 20");
    }

    [Theory]
    [InlineData("merge", "--at-height", "0")]
    [InlineData("merge", "--at-height", "-3")]
    public async Task A_height_below_1_is_bad_input(params string[] args)
    {
        var (code, _, stderr) = await Cli.RunAsync([.. args, "--node", FakeNode.ClosedAddress()]);
        code.Should().Be(2);
        Cli.OneLine(stderr).Should().Contain("--at-height must be ≥ 1");
    }

    [Fact]
    public async Task A_missing_height_is_a_parse_error()
    {
        var (code, _, stderr) = await Cli.RunAsync("merge");
        code.Should().Be(2);
        stderr.Should().Contain("--at-height");
    }
}
