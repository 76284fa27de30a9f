using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Simulation.Live;

/// <summary>
/// A steady trickle of signed transfers between the genesis accounts during <c>run</c>, so that mempools fill and
/// blocks carry transactions (Java TxLoadActor). Senders take turns; each transfer goes to the next node in turn.
/// Each sender's nonce is kept here and re-synced every few seconds from node 0's head ledger (PoW, then PoS), so a
/// transfer lost to a reorg, an eviction or the merge cannot stall its sender for long.
/// </summary>
public sealed class TxLoadActor : ReceiveActor, IWithTimers
{
    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record Resync : INoSerializationVerificationNeeded
    {
        public static Resync Instance { get; } = new();
    }

    /// <summary>How often nonces are compared with the chain.</summary>
    public static readonly TimeSpan ResyncEvery = TimeSpan.FromSeconds(5);

    /// <summary>Re-syncs in a row in which a sender had transfers out and none landed, after which it starts again from the chain's nonce.</summary>
    public const int StalledResyncs = 2;

    private readonly IActorRef _network;
    private readonly double _perSecond;
    private readonly ImmutableArray<SigningKey> _keys;
    private readonly ulong[] _nonces;
    private readonly ulong[] _onChain;
    private readonly int[] _stalled;
    private readonly int _ahead;
    private readonly SplitMix64 _random;
    private ImmutableArray<IActorRef> _nodes = [];
    private LedgerState? _head;
    private int _turn;

    /// <summary>The props of a load of <paramref name="perSecond"/> transfers a second between <paramref name="settings"/>' accounts.</summary>
    public static Props Create(ChainSettings settings, IActorRef network, double perSecond, ulong seed) =>
        Props.Create(() => new TxLoadActor(settings, network, perSecond, seed));

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public TxLoadActor(ChainSettings settings, IActorRef network, double perSecond, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _network = network;
        _perSecond = perSecond;
        _keys = [.. settings.Accounts.Select(a => settings.Key(a.Name))];
        _nonces = new ulong[_keys.Length];
        _onChain = new ulong[_keys.Length];
        _stalled = new int[_keys.Length];
        _ahead = Math.Max(1, settings.Mempool.MaxPerSender / 2);
        _random = SplitMix64.For(seed, "tx-load");
        Receive<Tick>(_ => OnTick());
        Receive<Resync>(_ => OnResync());
        Receive<EmbeddedNetwork.Nodes>(n => _nodes = [.. n.Guardians.Values]);
        Receive<ChainEvent.HeadChanged>(h => _head = h.Next.State);
        Receive<ChainEvent.PosHeadChanged>(h => _head = h.Ledger);
        Receive<ChainEvent>(_ => { }); // the other head events (reorg, merge, epochs) carry no ledger
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_keys.Length < 2 || _perSecond <= 0) return;
        _network.Tell(new EmbeddedNetwork.GetNodes(Self));
        _network.Tell(new EmbeddedNetwork.SubscribeChain(0, Self, true));
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(1000 / _perSecond))));
        Timers.StartPeriodicTimer("resync", Resync.Instance, ResyncEvery);
    }

    private void OnTick()
    {
        if (_nodes.IsEmpty) return;
        var from = _turn % _keys.Length;
        var to = (from + 1 + _random.Next(_keys.Length - 1)) % _keys.Length;
        var tx = Transfer.Sign(_keys[from], _keys[to].Address, Units.GweiPerCoin, 1_000, 1 + (ulong)_random.Next(10), _nonces[from]++);
        _nodes[_turn % _nodes.Length].Tell(new NodeGuardian.SubmitTx(tx, ActorRefs.Nobody));
        _turn++;
    }

    /// <summary>Behind the chain, too far ahead of it, or stalled behind a lost transfer: start again from the chain's nonce.</summary>
    private void OnResync()
    {
        _network.Tell(new EmbeddedNetwork.GetNodes(Self)); // a restarted node has a new guardian
        if (_head is null) return;
        for (var i = 0; i < _keys.Length; i++)
        {
            var onChain = _head.Account(_keys[i].Address).Nonce;
            var pending = _nonces[i] > onChain;
            _stalled[i] = pending && onChain == _onChain[i] ? _stalled[i] + 1 : 0;
            _onChain[i] = onChain;
            if (_nonces[i] < onChain || _nonces[i] > onChain + (ulong)_ahead || _stalled[i] >= StalledResyncs)
            {
                _nonces[i] = onChain;
                _stalled[i] = 0;
            }
        }
    }
}
