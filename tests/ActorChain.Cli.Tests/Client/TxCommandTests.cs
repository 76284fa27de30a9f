using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cli.Tests.Client;

/// <summary>
/// <c>tx send</c>: the body of <c>POST /api/tx</c>, the pending-nonce rule (two sends in a row get nonces n and n+1, the
/// Java version's second send always failed), and what it prints when the node accepts or rejects the transfer.
/// </summary>
public sealed class TxCommandTests
{
    /// <summary>A node whose alice has head nonce 5; each accepted transfer is pending, so her pendingNonce grows.</summary>
    private static Task<FakeNode> NodeAsync()
    {
        var pending = 0;
        return FakeNode.StartAsync(app =>
        {
            app.MapGet("/api/account/{name}", (string name) => FakeNode.Json(200,
                $$"""{"address":"0x{{new string('a', 40)}}","balance":"100","balanceGwei":100000000000,"nonce":5,"pendingNonce":{{5 + Volatile.Read(ref pending)}},"headHeight":3,"headHash":"ab"}"""));
            app.MapPost("/api/tx", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                var nonce = (long)body["nonce"]!;
                if (nonce != 5 + Volatile.Read(ref pending))
                    return FakeNode.Json(400, $$"""{"error":"rejected: nonce {{nonce}} is not the next one","kind":"rejected","reason":"NONCE_TOO_LOW","id":"dd"}""");
                Interlocked.Increment(ref pending);
                return FakeNode.Json(202, $$"""{"id":"tx{{nonce}}","result":"accepted","nonce":{{nonce}}}""");
            });
        });
    }

    [Fact]
    public async Task Two_sends_in_a_row_both_land_with_nonces_n_and_n_plus_1()
    {
        await using var node = await NodeAsync();
        var first = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "bob", "--amount", "1.5");
        var second = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "bob", "--amount", "2");
        (first.Code, first.Out.Trim(), first.Err).Should().Be((0, "tx5", string.Empty));
        (second.Code, second.Out.Trim(), second.Err).Should().Be((0, "tx6", string.Empty));
        var posts = node.Requests.Where(r => r.Method == "POST").ToList();
        posts.Select(r => (long)r.Json["nonce"]!).Should().Equal(5, 6);
        node.Requests.Where(r => r.Method == "GET").Select(r => r.PathAndQuery).Should().Equal("/api/account/alice", "/api/account/alice");
    }

    [Fact]
    public async Task Posts_the_java_body_with_the_default_fees()
    {
        await using var node = await NodeAsync();
        var (code, _, stderr) = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "0x" + new string('b', 40), "--amount", "1.5");
        code.Should().Be(0, stderr);
        var body = node.Requests.Single(r => r.Method == "POST" && r.PathAndQuery == "/api/tx").Json;
        body.Select(p => p.Key).Should().Equal("from", "to", "amount", "tip", "maxFee", "nonce");
        ((string)body["from"]!, (string)body["to"]!, (string)body["amount"]!, (string)body["tip"]!, (string)body["maxFee"]!)
            .Should().Be(("alice", "0x" + new string('b', 40), "1.5", "0.000000001", "0.00001"));
    }

    [Fact]
    public async Task A_given_nonce_is_sent_as_it_is_without_asking_the_account()
    {
        await using var node = await NodeAsync();
        var (code, _, _) = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "bob", "--amount", "1", "--nonce", "5",
            "--tip", "0.1", "--max-fee", "0.2");
        code.Should().Be(0);
        var request = node.Requests.Single();
        ((long)request.Json["nonce"]!, (string)request.Json["tip"]!, (string)request.Json["maxFee"]!).Should().Be((5, "0.1", "0.2"));
    }

    [Fact]
    public async Task A_rejected_transfer_prints_the_reason_and_exits_1()
    {
        await using var node = await NodeAsync();
        var (code, stdout, stderr) = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "bob", "--amount", "1", "--nonce", "2");
        code.Should().Be(1);
        stdout.Should().BeEmpty();
        Cli.OneLine(stderr).Should().Be("actorchain: transaction rejected: nonce 2 is not the next one");
    }

    [Fact]
    public async Task An_account_the_node_cannot_read_is_named()
    {
        await using var node = await FakeNode.StartAsync(app =>
            app.MapGet("/api/account/{name}", () => FakeNode.Json(400, """{"error":"name must be ...","kind":"bad-request"}""")));
        var (code, _, stderr) = await Cli.RunAsync("tx", "send", "--node", node.Address, "--from", "alice", "--to", "bob", "--amount", "1");
        code.Should().Be(1);
        Cli.OneLine(stderr).Should().StartWith("actorchain: cannot read the nonce of alice: node at " + node.Address + " answered HTTP 400");
    }

    [Theory]
    [InlineData("--amount", "1.0000000001", "--amount: ")]
    [InlineData("--amount", "lots", "--amount: not an amount of coins: 'lots'")]
    [InlineData("--tip", "1e3", "--tip: not an amount of coins")]
    [InlineData("--to", "bob smith", "--to must be a name such as bob or 0x and 40 hex digits, got 'bob smith'")]
    [InlineData("--to", "0x12", "--to must be")]
    [InlineData("--from", "al/ice", "--from must be a name")]
    [InlineData("--nonce", "-1", "--nonce must be ≥ 0, got -1")]
    [InlineData("--node", "nowhere", "--node must be HOST:PORT")]
    public async Task A_bad_flag_is_named_with_exit_2_before_any_request(string flag, string value, string expected)
    {
        await using var node = await NodeAsync();
        var args = new Dictionary<string, string> { ["--node"] = node.Address, ["--from"] = "alice", ["--to"] = "bob", ["--amount"] = "1", [flag] = value };
        var (code, _, stderr) = await Cli.RunAsync(["tx", "send", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        code.Should().Be(2);
        Cli.OneLine(stderr).Should().StartWith("actorchain: " + expected).And.EndWith("(see 'actorchain tx send --help')");
        node.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_required_flags_are_parse_errors()
    {
        var (code, _, stderr) = await Cli.RunAsync("tx", "send", "--from", "alice");
        code.Should().Be(2);
        stderr.Should().Contain("--to").And.Contain("--amount");
    }
}
