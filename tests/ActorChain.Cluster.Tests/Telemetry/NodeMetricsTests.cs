using System.Collections.Immutable;
using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Telemetry;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;

namespace ActorChain.Cluster.Tests.Telemetry;

/// <summary>A node's metrics fed by hand: events, statuses, members.</summary>
public sealed class NodeMetricsTests
{
    private static readonly ChainSettings Settings = ChainSettings.Defaults with
    {
        Validators = [new NamedAmount("alice", 32_000_000_000), new NamedAmount("bob", 32_000_000_000)],
    };

    private static NodeStatus Status(long reorgs = 0, long blocks = 0, ulong? slot = null) =>
        new(1, 12, "ab", "100", [0, 2], 3, reorgs, blocks, 0, slot,
            slot is null ? null : new NodeStatus.CheckpointView(2, "cd"), slot is null ? null : new NodeStatus.CheckpointView(1, "ef"));

    private static MemberView Member(int? id, string address, string status) =>
        new(id, address, id is null ? null : 8080 + id, status, [], id == 1);

    [Fact]
    public void A_block_refused_for_its_slot_counts_under_FUTURE_SLOT()
    {
        var m = new NodeMetrics(1, Settings);

        m.Accept(NodeEvent.Of(1, 1, "block_rejected", "root", "ab", "slot", 9UL, "from", 2, "reason", "FUTURE_SLOT",
            "detail", "FUTURE_SLOT (slot 9, current slot 7)"));
        m.Accept(NodeEvent.Of(2, 1, "block_rejected", "root", "cd", "slot", 9UL, "from", 2, "reason", "FORK_CHOICE",
            "detail", "FUTURE_SLOT (slot 9, current slot 7)"));
        m.Accept(NodeEvent.Of(3, 1, "block_rejected", "root", "ef", "slot", 9UL, "from", 2, "reason", "BAD_PROPOSER_SIGNATURE",
            "detail", "x"));
        m.Accept(NodeEvent.Of(4, 1, "attestation_rejected", "validator", 3UL, "slot", 9UL, "from", 2, "reason", "FORK_CHOICE",
            "detail", "UNKNOWN_BLOCK (root 12ab)"));

        MetricsText.Value(m, "actorchain_blocks_rejected_total", ("reason", "FUTURE_SLOT")).Should().Be(2);
        MetricsText.Value(m, "actorchain_blocks_rejected_total", ("reason", "BAD_PROPOSER_SIGNATURE")).Should().Be(1);
        MetricsText.Value(m, "actorchain_attestations_rejected_total", ("reason", "UNKNOWN_BLOCK")).Should().Be(1);
        MetricsText.Value(m, "actorchain_events_total", ("type", "block_rejected")).Should().Be(3);
    }

    [Fact]
    public void Members_by_state_count_only_live_incarnations()
    {
        var m = new NodeMetrics(1, Settings);

        m.ObserveMembers([
            Member(1, "akka.tcp://actorchain@127.0.0.1:2551", "Up"),
            Member(2, "akka.tcp://actorchain@127.0.0.1:2552", "Up"),
            Member(null, "akka.tcp://actorchain@127.0.0.1:2553", "Down"), // the killed incarnation of node 3…
            Member(null, "akka.tcp://actorchain@127.0.0.1:2553", "Joining"), // …and its restart on the same port
            Member(null, "akka.tcp://actorchain@127.0.0.1:2554", "Removed"),
        ]);

        var text = MetricsText.Of(m);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Up")).Should().Be(2);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Joining")).Should().Be(1);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Down")).Should().BeNull("that incarnation is gone");
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Removed")).Should().BeNull();

        m.ObserveMembers([Member(1, "akka.tcp://actorchain@127.0.0.1:2551", "Up"), Member(3, "akka.tcp://actorchain@127.0.0.1:2553", "Up")]);

        text = MetricsText.Of(m);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Up")).Should().Be(2);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Joining")).Should().BeNull("a state no member is in leaves");
    }

    [Fact]
    public void Totals_come_from_the_node_so_a_restarted_node_reports_the_same()
    {
        var before = new NodeMetrics(1, Settings);
        before.Observe(Status(reorgs: 0, blocks: 40));
        MetricsText.Value(before, "actorchain_reorgs_total").Should().Be(0);

        before.Observe(Status(reorgs: 3, blocks: 50));
        var after = new NodeMetrics(1, Settings); // the restarted process: a fresh registry, the node's persisted totals
        after.Observe(Status(reorgs: 3, blocks: 50));

        foreach (var m in (NodeMetrics[])[before, after])
        {
            MetricsText.Value(m, "actorchain_reorgs_total").Should().Be(3);
            MetricsText.Value(m, "actorchain_blocks_imported_total").Should().Be(50);
        }

        after.Observe(Status(reorgs: 0, blocks: 10)); // a node restarted in place, still re-importing
        MetricsText.Value(after, "actorchain_blocks_imported_total").Should().Be(50, "a counter never goes back");
    }

    [Fact]
    public void A_pow_node_has_the_pos_families_too()
    {
        var m = new NodeMetrics(1, Settings);

        m.Observe(Status(blocks: 5));

        var text = MetricsText.Of(m);
        MetricsText.Value(text, "actorchain_head_height", ("node", "1")).Should().Be(12);
        MetricsText.Value(text, "actorchain_head_slot").Should().Be(0);
        MetricsText.Value(text, "actorchain_finalized_epoch").Should().Be(0);
        MetricsText.Value(text, "actorchain_validators", ("status", "pending")).Should().Be(2, "the genesis validators wait for the merge");
        MetricsText.Value(text, "actorchain_validator_balance_gwei", ("validator", "alice")).Should().Be(32_000_000_000);
        MetricsText.Value(text, "actorchain_peers").Should().Be(2);
        MetricsText.Value(text, "actorchain_mempool_transactions").Should().Be(3);
    }

    [Fact]
    public void Each_node_has_its_own_registry()
    {
        var one = new NodeMetrics(1, Settings);
        var two = new NodeMetrics(2, Settings);

        one.Observe(Status(reorgs: 4));

        MetricsText.Value(one, "actorchain_reorgs_total", ("node", "1")).Should().Be(4);
        MetricsText.Value(two, "actorchain_reorgs_total", ("node", "2")).Should().Be(0);
        MetricsText.Of(two).Should().NotContain("node=\"1\"");
        one.Registry.Should().NotBeSameAs(two.Registry);
    }

    [Fact]
    public void Members_of_a_cluster_view_are_read_as_given()
    {
        IClusterView view = new FixedView([Member(1, "a", "Up")]);
        var m = new NodeMetrics(1, Settings);

        m.ObserveMembers(view.Members());

        MetricsText.Value(m, "actorchain_cluster_members", ("state", "Up")).Should().Be(1);
    }

    /// <summary>A cluster view that shows what it was given.</summary>
    internal sealed class FixedView(ImmutableArray<MemberView> members) : IClusterView
    {
        /// <summary>What it shows now.</summary>
        public ImmutableArray<MemberView> Shown { get; set; } = members;

        public ImmutableArray<MemberView> Members() => Shown;
    }
}
