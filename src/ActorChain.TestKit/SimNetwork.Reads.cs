using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using Akka.Actor;

namespace ActorChain.TestKit;

public sealed partial class SimNetwork
{
    /// <summary>The ids of the nodes up now, ascending.</summary>
    public ImmutableArray<int> LiveNodes => [.. _nodes.Keys];

    /// <summary>Every event so far, in the order the event log received them.</summary>
    public ImmutableArray<NodeEvent> Events() => [.. _events];

    /// <summary>The events of type <paramref name="type"/> (e.g. <c>validator_slashed</c>) so far, in order.</summary>
    public ImmutableArray<NodeEvent> Events(string type) => [.. _events.Where(e => e.Type == type)];

    /// <summary>Every <c>finalized</c> event of <paramref name="node"/>, in order.</summary>
    public ImmutableArray<NodeEvent> Finalized(int node) => [.. _events.Where(e => e.Type == "finalized" && e.Node == node)];

    /// <summary>Node <paramref name="node"/>'s canonical epoch transitions, in order.</summary>
    public ImmutableArray<EpochTransition> Transitions(int node) =>
        [.. _transitions.Where(t => t.Node == node).Select(t => t.Transition)];

    /// <summary>Node <paramref name="node"/>'s last epoch transition; fails when it has none.</summary>
    public EpochTransition LastTransition(int node)
    {
        var ts = Transitions(node);
        return ts.IsEmpty ? throw new InvalidOperationException($"node {node} has no epoch transition yet") : ts[^1];
    }

    /// <summary>The live node <paramref name="node"/>'s guardian.</summary>
    public IActorRef Node(int node) =>
        _nodes.TryGetValue(node, out var n) ? n : throw new InvalidOperationException($"node {node} is not up");

    /// <summary>Node <paramref name="node"/>'s main actors.</summary>
    public NodeGuardian.Parts Parts(int node) => Ask<NodeGuardian.Parts>(Node(node), r => new NodeGuardian.GetParts(r));

    /// <summary>Node <paramref name="node"/>'s chain actor.</summary>
    public IActorRef ChainOf(int node) => Parts(node).Chain;

    /// <summary>Node <paramref name="node"/>'s PoS view (head, justified and finalized checkpoints, head state), from its chain actor.</summary>
    public ChainActor.PosStatus PosStatus(int node) => Ask<ChainActor.PosStatus>(ChainOf(node), r => new ChainActor.GetPosStatus(r));

    /// <summary>Every live node's PoS view, by node id.</summary>
    public ImmutableSortedDictionary<int, ChainActor.PosStatus> PosStatuses() =>
        _nodes.Keys.ToImmutableSortedDictionary(n => n, PosStatus);

    /// <summary>Node <paramref name="node"/>'s status (head, peers, counters, checkpoints).</summary>
    public NodeStatus Status(int node) => Ask<NodeStatus>(Node(node), r => new NodeGuardian.GetStatus(r));

    /// <summary>Node <paramref name="node"/>'s stores, which outlive a crash.</summary>
    public NodeStores Stores(int node) => _stores[node];

    /// <summary>Every chain event of node <paramref name="node"/> of these kinds from now on, with the virtual time it arrived.</summary>
    public ChainEvents WatchChain(int node, params ChainEventKind[] kinds)
    {
        var recorded = new ChainEvents();
        var sink = TopLevel(Collector.Create(m => recorded.Add(Now, (ChainEvent)m)), $"watch-{node}-{++_actors}");
        ChainOf(node).Tell(new ChainActor.Subscribe(sink, [.. kinds]));
        _conductor.Drain();
        return recorded;
    }

    /// <summary>Node <paramref name="node"/>'s head, as its last head_changed event said.</summary>
    public Head HeadOf(int node) => _heads[node];

    /// <summary>Node <paramref name="node"/>'s justified and finalized epochs, as its last PoS head_changed event said (null before PoS).</summary>
    public Finality? FinalityOf(int node) => _finality.GetValueOrDefault(node);

    /// <summary>Whether every live node is on the same head.</summary>
    public bool AllOnOneHead() =>
        _nodes.Keys.All(_heads.ContainsKey) && _nodes.Keys.Select(n => _heads[n].Hash).Distinct().Count() == 1;

    /// <summary>Beacon block <paramref name="root"/> and its ancestors on node <paramref name="node"/>, at most <paramref name="max"/>, oldest first.</summary>
    public ImmutableArray<BeaconBlock> BeaconChain(int node, Hash32 root, int max) =>
        Ask<ChainActor.BeaconBlocksFound>(ChainOf(node), r => new ChainActor.ServeBeaconBlocks(root, max, -1, r)).Blocks;

    /// <summary>The genesis validators' names, in index order.</summary>
    public ImmutableArray<string> ValidatorNames => [.. Settings.Validators.Select(v => v.Name)];

    /// <summary>The validator index of <paramref name="validator"/>; fails for a name that is not a genesis validator.</summary>
    public int ValidatorIndex(string validator)
    {
        var i = ValidatorNames.IndexOf(validator);
        return i >= 0 ? i : throw new ArgumentException($"{validator} is not a genesis validator; they are {string.Join(", ", ValidatorNames)}", nameof(validator));
    }

    /// <summary><paramref name="validator"/>'s balance in gwei in node <paramref name="node"/>'s head state.</summary>
    public ulong Balance(string validator, int node = 0) => PosStatus(node).HeadState.Balance(ValidatorIndex(validator));

    /// <summary>Whether <paramref name="validator"/> is slashed in node <paramref name="node"/>'s head state.</summary>
    public bool IsSlashed(string validator, int node = 0) => PosStatus(node).HeadState.Validators[ValidatorIndex(validator)].Slashed;
}
