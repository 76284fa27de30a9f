using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Http;
using ActorChain.Cluster.Telemetry;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Cluster.Tests.Http;

/// <summary>
/// <c>/api/tree</c>, <c>/api/epochs</c>, <c>/api/miners</c> and the <c>?node=</c> selector over one real node (real time,
/// no miners): in PoW, then in PoS from genesis with its four validators; and the <see cref="NodeBook"/> they read.
/// </summary>
public sealed class ChainViewsTests : Akka.TestKit.Xunit2.TestKit
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Get(HttpClient c, string path)
    {
        using var response = await c.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text));
    }

    private async Task<ApiHost> Node(bool pos)
    {
        var settings = FakeBackend.TestSettings(4);
        if (pos)
            settings = settings with { GenesisTimestamp = (ulong)SchedulerClock.Of(Sys).NowMillis };
        string[] hosted = pos ? ["v0", "v1", "v2", "v3"] : [];
        var guardian = FakeBackend.RealNode(Sys, 1, settings, hosted);
        if (pos)
            guardian.Tell(NodeGuardian.StartPos.Instance);
        var backend = new FakeBackend(1, Sys, guardian, settings, hosted);
        var host = await ApiHost.StartAsync(backend);
        backend.View.Current = [backend.Member(host.Port, self: true)];
        return host;
    }

    [Fact]
    public async Task The_pow_tree_holds_genesis_as_the_canonical_head_and_miners_show_no_merge()
    {
        await using var host = await Node(pos: false);

        var (status, tree) = await Get(host.Client, "/api/tree");
        status.Should().Be(HttpStatusCode.OK);
        tree!["era"]!.GetValue<string>().Should().Be("pow");
        tree["height"]!.GetValue<ulong>().Should().Be(0);
        var genesis = tree["blocks"]!.AsArray().Single()!;
        genesis["height"]!.GetValue<ulong>().Should().Be(0);
        genesis["canonical"]!.GetValue<bool>().Should().BeTrue();
        genesis["miner"].Should().BeNull();
        tree["heads"]!.AsArray().Single()!["hash"]!.GetValue<string>().Should().Be(genesis["hash"]!.GetValue<string>());
        tree["checkpoints"]!.AsArray().Should().BeEmpty();

        var (_, miners) = await Get(host.Client, "/api/miners");
        miners!["era"]!.GetValue<string>().Should().Be("pow");
        miners["miners"]!.AsArray().Should().BeEmpty();
        miners["merge"]!["merged"]!.GetValue<bool>().Should().BeFalse();
        miners["merge"]!["terminalHash"].Should().BeNull();

        var (_, epochs) = await Get(host.Client, "/api/epochs");
        epochs!["node"]!.GetValue<int>().Should().Be(1);
        epochs["epochs"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/tree?epochs=0", HttpStatusCode.BadRequest, "epochs must be a whole number of epochs from 1 to 64")]
    [InlineData("/api/tree?epochs=65", HttpStatusCode.BadRequest, "epochs must be a whole number of epochs from 1 to 64")]
    [InlineData("/api/epochs?last=x", HttpStatusCode.BadRequest, "last must be a whole number of epochs from 1 to 64")]
    [InlineData("/api/status?node=2", HttpStatusCode.NotFound, "node 2 is not served here: this is node 1's API")]
    [InlineData("/api/tree?node=-1", HttpStatusCode.BadRequest, "node must be a node id such as ?node=0")]
    [InlineData("/api/miners?node=one", HttpStatusCode.BadRequest, "node must be a node id such as ?node=0")]
    public async Task Bad_counts_and_other_nodes_are_json_errors(string path, HttpStatusCode expected, string error)
    {
        await using var host = await Node(pos: false);

        var (status, body) = await Get(host.Client, path);

        status.Should().Be(expected);
        body!["error"]!.GetValue<string>().Should().Contain(error);
        body["kind"]!.GetValue<string>().Should().Be(expected == HttpStatusCode.NotFound ? "not-found" : "bad-request");
    }

    [Fact]
    public async Task Its_own_node_id_selects_the_node()
    {
        await using var host = await Node(pos: false);

        var (status, body) = await Get(host.Client, "/api/status?node=1");

        status.Should().Be(HttpStatusCode.OK);
        body!["node"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task The_pos_tree_shows_proposed_blocks_on_the_anchor_and_epoch_0_finalized()
    {
        await using var host = await Node(pos: true);

        JsonNode? tree = null;
        await AwaitAssertAsync(async () =>
        {
            (_, tree) = await Get(host.Client, "/api/tree?epochs=2");
            tree!["era"]!.GetValue<string>().Should().Be("pos");
            tree["blocks"]!.AsArray().Count.Should().BeGreaterThan(1);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));

        tree!["slotsPerEpoch"]!.GetValue<int>().Should().Be(8);
        var blocks = tree["blocks"]!.AsArray();
        blocks[0]!["slot"]!.GetValue<ulong>().Should().Be(0);
        blocks[0]!["proposer"].Should().BeNull("the anchor has no proposer");
        var proposed = blocks.Skip(1).First()!;
        proposed["proposerName"]!.GetValue<string>().Should().MatchRegex("^v[0-3]$");
        proposed["canonical"]!.GetValue<bool>().Should().BeTrue();
        proposed["proposerSlashed"]!.GetValue<bool>().Should().BeFalse();
        proposed["parent"]!.GetValue<string>().Should().Be(blocks[0]!["root"]!.GetValue<string>());
        var epoch0 = tree["checkpoints"]!.AsArray().First(c => c!["epoch"]!.GetValue<ulong>() == 0)!;
        epoch0["status"]!.GetValue<string>().Should().Be("finalized");
        epoch0["root"]!.GetValue<string>().Should().Be(tree["finalized"]!["root"]!.GetValue<string>());
        tree["heads"]!.AsArray().Single()!["node"]!.GetValue<int>().Should().Be(1);

        var (_, miners) = await Get(host.Client, "/api/miners");
        miners!["era"]!.GetValue<string>().Should().Be("pos");
        miners["merge"]!["merged"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void The_book_keeps_each_nodes_head_and_its_checkpoints_latest_status()
    {
        var book = new NodeBook();

        book.Accept(NodeEvent.Of(1, 2, "head_changed", "root", "bb", "slot", 9UL, "justified", 0UL, "finalized", 0UL));
        book.Accept(NodeEvent.Of(2, 0, "head_changed", "hash", "aa", "height", 5UL));
        book.Accept(NodeEvent.Of(3, 2, "justified", "epoch", 1UL, "root", "cc", "votes", 12L, "stake", 384UL, "totalActiveBalance", 512UL, "atEpoch", 1UL));
        book.Accept(NodeEvent.Of(4, 2, "finalized", "epoch", 1UL, "root", "cc", "votes", 12L, "stake", 384UL, "totalActiveBalance", 512UL, "atEpoch", 2UL));
        book.Accept(NodeEvent.Of(5, 2, "abandoned", "epoch", 2UL, "root", "dd", "votes", 2L, "stake", 64UL, "totalActiveBalance", 512UL,
            "atEpoch", 3UL, "reason", "short_of_two_thirds", "detail", "64 of 512", "targetStake", 64UL, "needed", 342UL));

        book.Heads().Select(h => (h.Node, h.Root, h.SlotOrHeight, h.Pos)).Should().Equal((0, "aa", 5UL, false), (2, "bb", 9UL, true));
        var checkpoints = book.Checkpoints(2, 0);
        checkpoints.Select(c => (c.Epoch, c.Status)).Should().Equal((1UL, "finalized"), (2UL, "abandoned"));
        checkpoints[0].TargetStake.Should().Be(384);
        checkpoints[0].Needed.Should().Be(342);
        checkpoints[1].Reason.Should().Be("short_of_two_thirds");
        book.Checkpoints(2, 2).Should().ContainSingle();
        book.Checkpoints(0, 0).Should().BeEmpty();
        NodeBook.Needed(512_000_000_000).Should().Be(341_333_333_334);
        NodeBook.Needed(3).Should().Be(2);
    }
    [Fact]
    public void An_older_canonical_checkpoint_is_finalized_only_when_the_store_or_an_event_says_so()
    {
        static Hash32 Root(int i) => Hash32.Wrap([.. Enumerable.Repeat((byte)(i + 1), 32)]);
        var book = new NodeBook();
        var backend = new FakeBackend(1, Sys, TestActor, FakeBackend.TestSettings(4)) { Book = book };
        // one canonical block at the start of each epoch 0..4 (8 slots an epoch); the store: 3 finalized, 4 justified
        ImmutableArray<TreeBlock> blocks = [.. Enumerable.Range(0, 5).Select(e =>
            new TreeBlock(Root(e), e == 0 ? null : Root(e - 1), (ulong)e * 8, e == 0 ? null : (ulong)e % 4, true))];
        var view = new ChainActor.TreeView(true, 35, Root(4), 32, new Checkpoint(4, Root(4)), new Checkpoint(3, Root(3)), blocks, [], null);
        book.Accept(NodeEvent.Of(1, 1, "finalized", "epoch", 1UL, "root", Root(1).ToString(), "stake", 96UL, "totalActiveBalance", 128UL));
        book.Accept(NodeEvent.Of(2, 1, "abandoned", "epoch", 2UL, "root", Root(2).ToString(), "stake", 32UL, "totalActiveBalance", 128UL,
            "reason", "below_two_thirds", "detail", "32 of 128"));

        var rows = ChainViews.Checkpoints(backend, view, new ChainActor.EpochsView([]), 0, 4);

        rows.Select(r => (r!["epoch"]!.GetValue<ulong>(), r["status"]!.GetValue<string>())).Should().Equal(
            (0UL, "pending"), (1UL, "finalized"), (2UL, "abandoned"), (3UL, "finalized"), (4UL, "justified"));
        rows[2]!["reason"]!.GetValue<string>().Should().Be("below_two_thirds");
    }
}
