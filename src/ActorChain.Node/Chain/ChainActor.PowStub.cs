using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using Akka.Actor;

namespace ActorChain.Node.Chain;

// TEMPORARY stand-in for the chain engineer's Chain/ChainActor.cs (p2-chain): the shared members the beacon behaviour
// uses, and a constructor that starts PoS on StartPos. Deleted when p2-chain is merged.

/// <summary>Stub of the PoW part (replaced by p2-chain).</summary>
public sealed partial class ChainActor
{
    private readonly NodeContext _node;
    private readonly BlockTree _powTree;
    private readonly Subscribers _subscribers = new();

    private ChainActor(NodeContext node)
    {
        _node = node;
        _powTree = new BlockTree(node.Settings.GenesisBlock(), node.Settings.GenesisLedger(), node.Settings.Pow);
        Receive<StartPos>(_ => StartPosNow());
        Receive<Subscribe>(OnSubscribe);
        Receive<GetHead>(OnGetHead);
        Receive<ServeBlocks>(OnServeBlocks);
    }

    /// <summary>The chain of <paramref name="node"/>.</summary>
    public static Props Create(NodeContext node) => Props.Create(() => new ChainActor(node));

    private void StartPosNow()
    {
        var terminal = _powTree.Genesis;
        var ledger = _powTree.StateOf(terminal.Hash);
        var config = _node.Settings.Consensus.Config;
        var validators = ledger.Registry.Select(e => new GenesisValidator(e.Pubkey, e.Stake)).ToList();
        var genesis = PosGenesis.Create(validators, terminal.Hash, terminal.Timestamp, ledger.Accounts, ledger.BaseFee, config);
        var merged = new ChainEvent.Merged(terminal.Hash, terminal.Height, genesis.GenesisTime, genesis);
        Publish(merged);
        BecomeBeacon(merged, ImmutableArray<BeaconBlock>.Empty);
    }

    private void Publish(ChainEvent e) => _subscribers.Publish(e);

    private void OnSubscribe(Subscribe m) => _subscribers.Add(m.Subscriber, m.Kinds);

    private void OnGetHead(GetHead m) =>
        m.ReplyTo.Tell(new HeadInfo(_powTree.Head, _powTree.TotalDifficulty(_powTree.Head.Hash), _powTree.Count, 0, 0, 0, null!));

    private void OnServeBlocks(ServeBlocks m) =>
        m.ReplyTo.Tell(new BlocksFound(_powTree.Ancestors(m.Root, m.Max), m.ForNode));
}

/// <summary>Stub of the chain engineer's subscriber list.</summary>
internal sealed class Subscribers
{
    private readonly List<(IActorRef Subscriber, ImmutableHashSet<ChainEventKind> Kinds)> _subscriptions = [];

    /// <summary>Adds a subscription.</summary>
    public void Add(IActorRef subscriber, ImmutableHashSet<ChainEventKind> kinds) => _subscriptions.Add((subscriber, kinds));

    /// <summary>Tells <paramref name="e"/> to the subscribers of its kind, in subscription order.</summary>
    public void Publish(ChainEvent e)
    {
        foreach (var (subscriber, kinds) in _subscriptions)
        {
            if (kinds.Contains(e.Kind))
            {
                subscriber.Tell(e);
            }
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public void Remove(IActorRef subscriber) => _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber));
}

/// <summary>Stub of the chain engineer's orphan pool (Java OrphanPool).</summary>
internal sealed class OrphanPool<T>(int capacity, Func<T, Hash32> hashOf, Func<T, Hash32> parentOf)
{
    private readonly SortedDictionary<Hash32, List<Pending>> _byParent = [];
    private readonly SortedDictionary<Hash32, Pending> _byHash = [];
    private readonly LinkedList<Pending> _arrival = new();

    /// <summary>A held block and the node it came from.</summary>
    public sealed record Pending(T Block, int FromNode);

    /// <summary>Holds <paramref name="p"/>; false when held already.</summary>
    public bool Add(Pending p)
    {
        var hash = hashOf(p.Block);
        if (!_byHash.TryAdd(hash, p))
        {
            return false;
        }

        var parent = parentOf(p.Block);
        if (!_byParent.TryGetValue(parent, out var list))
        {
            _byParent[parent] = list = [];
        }

        list.Add(p);
        _arrival.AddLast(p);
        while (_arrival.Count > capacity)
        {
            var old = _arrival.First!.Value;
            _arrival.RemoveFirst();
            _byHash.Remove(hashOf(old.Block));
            var op = parentOf(old.Block);
            if (_byParent.TryGetValue(op, out var l) && l.Remove(old) && l.Count == 0)
            {
                _byParent.Remove(op);
            }
        }

        return true;
    }

    /// <summary>Removes and returns the orphans waiting for <paramref name="parent"/>, in arrival order.</summary>
    public IReadOnlyList<Pending> TakeChildrenOf(Hash32 parent)
    {
        if (!_byParent.Remove(parent, out var children))
        {
            return [];
        }

        foreach (var c in children)
        {
            _byHash.Remove(hashOf(c.Block));
            _arrival.Remove(c);
        }

        return children;
    }

    /// <summary>The block really missing behind <paramref name="parent"/>.</summary>
    public Hash32 MissingRootOf(Hash32 parent)
    {
        var root = parent;
        while (_byHash.TryGetValue(root, out var p))
        {
            root = parentOf(p.Block);
        }

        return root;
    }

    /// <summary>The number held.</summary>
    public int Count => _arrival.Count;
}
