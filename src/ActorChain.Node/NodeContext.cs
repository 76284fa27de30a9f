using ActorChain.Core.Pos.Block;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node;

/// <summary>
/// What every actor of one node shares: its id, its clock, where its events go, the chain settings, the seed its actors
/// derive their generators from, the state-transition memo shared with the other nodes of its network in this process
/// (one per network), and its stores (which outlive a crashed node's actors).
/// </summary>
public sealed record NodeContext(int NodeId, IClock Clock, IActorRef Events, ChainSettings Settings, ulong Seed,
    TransitionMemo Transitions, NodeStores Stores)
{
    /// <summary>The id of the dispatcher in <c>cluster.hocon</c> a cluster node's validators run on.</summary>
    public const string ClusterValidatorDispatcher = "actorchain.validator-dispatcher";

    /// <summary>
    /// The dispatcher the hosted validators run on (<see cref="ClusterValidatorDispatcher"/> in a cluster node, so that
    /// their synchronous slashing-protection commits never stall the default pool), or null for the default dispatcher,
    /// as in every embedded and virtual-time run.
    /// </summary>
    public string? ValidatorDispatcher { get; init; }

    /// <summary>Tells the event log one event at the clock's now (ms) with alternating keys and values.</summary>
    public void Emit(string type, params object?[] keyValues) =>
        Events.Tell(NodeEvent.Of(Clock.NowMillis, NodeId, type, keyValues));

    /// <summary>A seed for one actor of this node, stable across runs: mixes the node seed with a label (FNV-1a).</summary>
    public ulong SeedFor(string label)
    {
        var h = Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(NodeId + 1));
        foreach (var c in label)
            h = (h ^ c) * 0x100000001B3UL;
        return h;
    }
}
