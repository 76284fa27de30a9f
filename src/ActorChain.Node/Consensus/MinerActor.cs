using System.Collections.Immutable;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Consensus;

/// <summary>
/// Mines on the node's head (CONSENSUS.md §3, mining modes) and restarts its work on every new head: a real SHA-256d
/// nonce search in chunks, checking for a new head between chunks (real time: on its own dispatcher), or block times
/// drawn from the exponential distribution of its hashrate (simulated).
/// </summary>
public sealed class MinerActor : ReceiveActor, IWithTimers
{
    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Blocks mined and hashes tried.</summary>
    public sealed record Stats(string Name, long BlocksMined, long Hashes) : INoSerializationVerificationNeeded;

    /// <summary>From now on hand mined blocks to <paramref name="Withholder"/> instead of the chain (miner faults).</summary>
    public sealed record WithholdTo(IActorRef Withholder) : INoSerializationVerificationNeeded;

    /// <summary>Hand mined blocks to the chain again.</summary>
    public sealed record Honest : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Honest Instance { get; } = new();
    }

    /// <summary>The simulated search of generation <paramref name="Generation"/> found a block.</summary>
    private sealed record Found(long Generation) : INoSerializationVerificationNeeded;

    /// <summary>Search the next chunk of nonces of generation <paramref name="Generation"/>.</summary>
    private sealed record Chunk(long Generation) : INoSerializationVerificationNeeded;

    /// <summary>The chain events a miner (and the consensus supervisor) follows: the head and what moves it.</summary>
    internal static readonly ImmutableHashSet<ChainEventKind> Heads =
        [ChainEventKind.Head, ChainEventKind.Reorg, ChainEventKind.Merged, ChainEventKind.PosHead, ChainEventKind.EpochTransitioned];

    private const string FindTimer = "find";

    private readonly NodeContext _node;
    private readonly MinerSpec _spec;
    private readonly PowMode _mode;
    private readonly Core.Crypto.Address _reward;
    private readonly IActorRef _chain;
    private readonly IActorRef _mempool;
    private readonly SplitMix64 _random;
    private BlockContext? _context;
    private long _generation;
    private PowBlock? _template;
    private PowHasher? _hasher;
    private ulong _nextNonce;
    private long _blocksMined;
    private long _hashes;
    private IActorRef? _withholder;

    /// <summary>A miner of <paramref name="spec"/> on <paramref name="node"/>, mining in <paramref name="mode"/>.</summary>
    public static Props Create(NodeContext node, MinerSpec spec, PowMode mode, IActorRef chain, IActorRef mempool) =>
        Props.Create(() => new MinerActor(node, spec, mode, chain, mempool));

    /// <summary>Builds the miner; use <see cref="Create"/>.</summary>
    public MinerActor(NodeContext node, MinerSpec spec, PowMode mode, IActorRef chain, IActorRef mempool)
    {
        _node = node;
        _spec = spec;
        _mode = mode;
        _reward = node.Settings.Key(spec.Name).Address;
        _chain = chain;
        _mempool = mempool;
        _random = new SplitMix64(node.SeedFor("miner-" + spec.Name));
        Receive<ChainEvent>(OnChainEvent);
        Receive<ChainActor.HeadInfo>(h => OnChainEvent(h.Current));
        Receive<Found>(OnFound);
        Receive<MempoolActor.Selected>(OnCandidates);
        Receive<Chunk>(OnChunk);
        Receive<GetStats>(g => g.ReplyTo.Tell(new Stats(_spec.Name, _blocksMined, _hashes)));
        Receive<WithholdTo>(w => _withholder = w.Withholder);
        Receive<Honest>(_ => _withholder = null);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => _chain.Tell(new ChainActor.Subscribe(Self, Heads));

    /// <summary>After a failure the subscription (same ref) still stands: ask for the current head instead of subscribing twice.</summary>
    protected override void PostRestart(Exception reason) => _chain.Tell(new ChainActor.GetHead(Self));

    private void OnChainEvent(ChainEvent e)
    {
        if (e is not ChainEvent.HeadChanged hc) return;
        _context = hc.Next;
        _generation++;
        _template = null;
        _hasher = null;
        Timers.Cancel(FindTimer);
        if (_mode == PowMode.Simulated) ScheduleFind();
        else AskForCandidates();
    }

    /// <summary>Exp(hashrate / work): the waiting time of a memoryless search at this miner's rate.</summary>
    private void ScheduleFind()
    {
        if (BlockTimes.NextMillis(_random, Targets.Work(_context!.Target), _spec.Hashrate) is { } millis)
            Timers.StartSingleTimer(FindTimer, new Found(_generation), TimeSpan.FromMilliseconds(millis));
    }

    private void AskForCandidates() =>
        _mempool.Tell(new MempoolActor.Select(_context!.State, Fees.MaxTxsPerBlock, _generation, Self));

    private void OnFound(Found f)
    {
        if (f.Generation == _generation) AskForCandidates();
    }

    private void OnCandidates(MempoolActor.Selected c)
    {
        if (c.RequestId != _generation || _context is null) return;
        var timestamp = PowBlockBuilder.TimestampFor(_context, (ulong)_node.Clock.NowMillis);
        var block = PowBlockBuilder.Build(_context, _reward, timestamp, c.Transactions, _node.Settings.Pow);
        if (_mode == PowMode.Simulated)
        {
            Submit(block);
            ScheduleFind(); // if our block does not become the head (it lost a race), keep mining on the same parent
            return;
        }

        _template = block;
        _hasher = new PowHasher(block.Header);
        _nextNonce = _random.Next() & (ulong)long.MaxValue;
        Self.Tell(new Chunk(_generation));
    }

    private void OnChunk(Chunk c)
    {
        if (c.Generation != _generation || _hasher is null || _template is null) return;
        var chunk = (ulong)_node.Settings.MiningChunk;
        if (_hasher.Search(_nextNonce, chunk) is { } nonce)
        {
            _hashes += (long)(nonce - _nextNonce + 1);
            var block = _template.WithNonce(nonce);
            _hasher = null;
            Submit(block);
            return;
        }

        _hashes += (long)chunk;
        _nextNonce += chunk;
        if (_spec.Hashrate > 0)
        {
            var pauseMillis = Math.Max(1UL, chunk * 1000UL / _spec.Hashrate);
            Timers.StartSingleTimer(FindTimer, new Chunk(_generation), TimeSpan.FromMilliseconds(pauseMillis));
        }
        else
        {
            Self.Tell(new Chunk(_generation));
        }
    }

    private void Submit(PowBlock block)
    {
        _blocksMined++;
        _node.Emit("pow_block_mined", "miner", _spec.Name, "hash", block.Hash.ToString(), "height", block.Height,
            "txs", block.Transactions.Length);
        if (_withholder is null) _chain.Tell(new ChainActor.ImportBlock(block, -1));
        else _withholder.Tell(new WithholdingActor.Mined(block));
    }
}
