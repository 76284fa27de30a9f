using ActorChain.Node.Events;
using ActorChain.Simulation.Live;

namespace ActorChain.Simulation.Tests.Live;

/// <summary>The events pane of <c>run</c>: notable events as short lines, one per fact however many nodes saw it; block production only counted.</summary>
public sealed class LiveEventsTests
{
    private static NodeEvent Finalized(int node, long t, ulong epoch) => NodeEvent.Of(t, node, "finalized", "epoch", epoch,
        "root", "9b8f0589" + new string('d', 56), "votes", 16L, "stake", 512_000_000_000UL, "totalActiveBalance", 512_000_000_000UL, "atEpoch", epoch + 1);

    [Fact]
    public void The_same_finalization_on_four_nodes_is_one_line_naming_four_nodes()
    {
        var events = new LiveEvents(startMillis: 1_000);
        for (var n = 0; n < 4; n++) events.Accept(Finalized(n, 50_000 + n, 2));
        events.Accept(Finalized(0, 58_000, 3));

        var lines = events.Lines();
        lines.Should().HaveCount(2);
        lines[0].Text.Should().Be("epoch 2 finalized (9b8f0589)");
        lines[0].Nodes.Should().Equal(0, 1, 2, 3);
        lines[0].AtElapsedMillis.Should().Be(49_000);
        lines[1].Nodes.Should().Equal(0);
    }

    [Fact]
    public void Block_production_is_counted_never_listed()
    {
        var events = new LiveEvents(0);
        for (var i = 0; i < 500; i++)
        {
            events.Accept(NodeEvent.Of(i, i % 4, "pow_block_mined", "miner", "miner-" + (i % 2), "hash", "00", "height", (ulong)i, "txs", 0));
            events.Accept(NodeEvent.Of(i, i % 4, "block_proposed", "slot", (ulong)i));
            events.Accept(NodeEvent.Of(i, i % 4, "attestation", "slot", (ulong)i));
        }

        events.Lines().Should().BeEmpty();
        var blocks = events.Blocks();
        blocks.PowMined.Should().Be(500);
        blocks.Proposed.Should().Be(500);
        blocks.ByMiner.Should().Equal(new Dictionary<string, long> { ["miner-0"] = 250, ["miner-1"] = 250 });
    }

    [Fact]
    public void Abandoned_checkpoints_say_why_and_faults_slashings_and_reorgs_are_shown()
    {
        var events = new LiveEvents(0);
        events.Accept(NodeEvent.Of(10, 1, "abandoned", "epoch", 5UL, "root", "abcdef0123456789", "reason", "below_two_thirds",
            "detail", "256 of 512 coins voted for it, 342 needed"));
        events.Accept(NodeEvent.Of(11, -1, "fault_injected", "kind", "offline", "spec", "{\"at\":\"epoch 4\",\"kind\":\"offline\",\"validators\":[\"v1\",\"v2\"]}"));
        events.Accept(NodeEvent.Of(12, 2, "validator_slashed", "index", 5UL, "name", "v5", "kind", "double-vote", "penaltyCoins", "1",
            "whistleblowerName", "v3"));
        events.Accept(NodeEvent.Of(13, 3, "reorg", "depth", 1UL, "oldHead", "aaaaaaaaaaaa", "newHead", "bbbbbbbbbbbb"));

        events.Lines().Select(l => l.Text).Should().Equal(
            "epoch 5 abandoned (abcdef01): below_two_thirds: 256 of 512 coins voted for it, 342 needed",
            "fault offline injected: at=epoch 4, validators=[\"v1\",\"v2\"]",
            "v5 slashed for double-vote: -1 coins, v3 rewarded",
            "reorg depth 1: aaaaaaaa -> bbbbbbbb");
        events.Lines()[1].Nodes.Should().BeEmpty("a fault is the network's");
    }

    [Fact]
    public void Each_node_counts_the_pow_blocks_it_orphaned_at_the_merge()
    {
        var events = new LiveEvents(0);
        events.Accept(NodeEvent.Of(1, 0, "pow_orphaned_at_merge", "count", 2UL, "terminalHeight", 16UL, "terminalHash", "00"));
        events.Accept(NodeEvent.Of(2, 2, "pow_orphaned_at_merge", "count", 3UL, "terminalHeight", 16UL, "terminalHash", "00"));

        events.OrphanedAtMerge().Should().Equal(new Dictionary<int, ulong> { [0] = 2, [2] = 3 });
        events.Lines().Should().ContainSingle().Which.Nodes.Should().Equal(0, 2);
    }

    [Fact]
    public void Only_the_last_lines_are_kept()
    {
        var events = new LiveEvents(0, capacity: 10);
        for (var i = 0; i < 50; i++) events.Accept(NodeEvent.Of(i, 0, "reorg", "depth", 1UL, "oldHead", "a" + i, "newHead", "b"));

        events.Lines().Should().HaveCount(10);
        events.Lines()[^1].Text.Should().Contain("a49");
    }
}
