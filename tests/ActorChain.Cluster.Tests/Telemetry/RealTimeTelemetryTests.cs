using ActorChain.Cluster.Telemetry;
using ActorChain.Core;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Cluster.Tests.Telemetry;

/// <summary>The telemetry of one node on the wall clock, wired as a cluster process wires it (hub first, then polling).</summary>
public sealed class RealTimeTelemetryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_pos_node_on_the_wall_clock_fills_the_feed_and_the_metrics()
    {
        var settings = ChainSettings.Defaults with
        {
            Validators = [.. Enumerable.Range(0, 4).Select(i => new NamedAmount("v" + i, Units.Coins(32)))],
            Consensus = new ConsensusSettings(ConsensusConfig.Minimal, null, 2, MergeGenesisDelayMillis: 0),
            GenesisTimestamp = (ulong)Sys.Scheduler.Now.ToUnixTimeMilliseconds(), // as --genesis-time: now
        };
        var telemetry = NodeTelemetry.Start(Sys, 0, settings, logEvents: false);
        var context = new NodeContext(0, SchedulerClock.Of(Sys), telemetry.Hub, settings, 1, new TransitionMemo(), NodeStores.InMemory());
        var guardian = Sys.ActorOf(NodeGuardian.Create(context, new NodeSpec(0, [], [.. settings.Validators.Select(v => v.Name)], null)), "node");
        guardian.Tell(NodeGuardian.StartPos.Instance);

        telemetry.StartPolling(() => guardian, null);

        AwaitAssert(() =>
        {
            var text = MetricsText.Of(telemetry.Metrics);
            MetricsText.Value(text, "actorchain_head_slot").Should().BeGreaterThanOrEqualTo(2);
            MetricsText.Value(text, "actorchain_validators", ("status", "active")).Should().Be(4);
            MetricsText.Value(text, "actorchain_blocks_imported_total").Should().BeGreaterThanOrEqualTo(2);
            MetricsText.Value(text, "actorchain_attestations_imported_total").Should().BeGreaterThan(0);
        }, Bound, TimeSpan.FromMilliseconds(200));
        telemetry.Events.Recent().Should().Contain(l => l.Contains("\"type\":\"block_imported\"", StringComparison.Ordinal));
    }
}
