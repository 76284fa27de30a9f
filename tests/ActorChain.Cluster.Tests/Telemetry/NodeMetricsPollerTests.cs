using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Telemetry;
using ActorChain.TestKit;

namespace ActorChain.Cluster.Tests.Telemetry;

/// <summary>The poller on real nodes in virtual time: a PoS network split, then healed, so that some nodes reorg.</summary>
public sealed class NodeMetricsPollerTests : ConsensusTestKit
{
    private static readonly string[] Families =
    [
        "actorchain_head_height", "actorchain_head_slot", "actorchain_current_slot", "actorchain_epoch",
        "actorchain_justified_epoch", "actorchain_finalized_epoch", "actorchain_finality_lag_epochs",
        "actorchain_target_participation_ratio", "actorchain_target_participation_epoch", "actorchain_validators",
        "actorchain_validator_balance_gwei", "actorchain_slashings_total", "actorchain_evidence_found_total",
        "actorchain_blocks_imported_total", "actorchain_attestations_imported_total", "actorchain_blocks_rejected_total",
        "actorchain_attestations_rejected_total", "actorchain_reorgs_total", "actorchain_peers", "actorchain_cluster_members",
        "actorchain_mempool_transactions", "actorchain_malformed_messages_total", "actorchain_dropped_peer_messages_total", "actorchain_events_total",
    ];

    [Fact]
    public void The_reorg_counter_moves_on_a_pos_reorg_and_every_family_is_in_the_text()
    {
        using var net = StartNetwork(Network("reorgs").Nodes(4).Validators(16).Pos().Latency(50, 20));
        net.RunToEpoch(2);
        net.Partition([0, 1], [2, 3]);
        net.RunToEpoch(4);
        net.Heal();
        net.RunToEpoch(6);

        var reorgs = net.Events("reorg");
        reorgs.Should().NotBeEmpty("the side that lost the fork choice after the heal reorged");
        var node = reorgs[0].Node;
        var expected = reorgs.Count(e => e.Node == node);
        net.Status(node).Reorgs.Should().Be(expected, "the node's own total counts its PoS reorgs");

        var metrics = new NodeMetrics(node, net.Settings);
        foreach (var e in net.Events().Where(e => e.Node == node)) metrics.Accept(e); // what the hub hands over
        metrics.Accept(Node.Events.NodeEvent.Of(1, node, "block_rejected", "reason", "FUTURE_SLOT", "detail", "FUTURE_SLOT (…)"));
        metrics.Accept(Node.Events.NodeEvent.Of(1, node, "attestation_rejected", "reason", "UNKNOWN_BLOCK", "detail", "…"));
        metrics.Accept(Node.Events.NodeEvent.Of(1, node, "evidence_found", "index", 3, "kind", "double_vote"));
        var view = new NodeMetricsTests.FixedView([new MemberView(node, "akka.tcp://actorchain@127.0.0.1:2551", 8080, "Up", [], true)]);
        Time.ActorOf(NodeMetricsPoller.Create(metrics, () => net.Node(node), view), "poller");
        net.RunToEpoch(8); // polled each second, and an epoch transition heard

        var text = MetricsText.Of(metrics);
        MetricsText.Families(text).Should().Contain(Families);
        MetricsText.Value(text, "actorchain_reorgs_total", ("node", node.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Should().Be(net.Status(node).Reorgs).And.BeGreaterThan(0);
        MetricsText.Value(text, "actorchain_validators", ("status", "active")).Should().Be(16);
        MetricsText.Value(text, "actorchain_validator_balance_gwei", ("validator", "v0")).Should().BeGreaterThan(0);
        MetricsText.Value(text, "actorchain_target_participation_ratio").Should().BeGreaterThan(0.9);
        MetricsText.Value(text, "actorchain_target_participation_epoch").Should().BeGreaterThanOrEqualTo(6);
        MetricsText.Value(text, "actorchain_epoch").Should().BeGreaterThanOrEqualTo(7);
        MetricsText.Value(text, "actorchain_finalized_epoch").Should().BeGreaterThan(0);
        MetricsText.Value(text, "actorchain_blocks_imported_total").Should().Be(net.Status(node).Blocks);
        MetricsText.Value(text, "actorchain_attestations_imported_total").Should().BeGreaterThan(0);
        MetricsText.Value(text, "actorchain_peers").Should().Be(3);
        MetricsText.Value(text, "actorchain_cluster_members", ("state", "Up")).Should().Be(1);
    }
}
