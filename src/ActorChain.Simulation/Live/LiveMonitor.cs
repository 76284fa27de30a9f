using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Time;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.Simulation.Live;

/// <summary>
/// The recorder of a live run: a few times a second it asks every node for its status and one node's chain for its PoS
/// view (one question in flight), listens to every node's head events, injects the plan's faults at their times, and
/// publishes what it knows as one immutable <see cref="LiveSnapshot"/> on the <see cref="LiveBoard"/>. It never writes
/// to the console.
/// </summary>
public sealed class LiveMonitor : ReceiveActor, IWithTimers
{
    /// <summary>Publish a fresh snapshot now (the end of the run); the board's version tells when it is out.</summary>
    public sealed record Refresh : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Refresh Instance { get; } = new();
    }

    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record FromNode(int Node, ChainEvent Event) : INoSerializationVerificationNeeded;

    private sealed record FaultDue(int Index, bool Inject) : INoSerializationVerificationNeeded;

    /// <summary>How often the monitor asks the nodes and publishes.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    /// <summary>PoW heads kept for the hashrate.</summary>
    private const int HashrateWindow = 16;

    /// <summary>Ticks after which an unanswered PoS question is asked again (its node may have crashed).</summary>
    private const int PosAskPatience = 8;

    private readonly LivePlan _plan;
    private readonly LiveInfo _info;
    private readonly ConsensusConfig _config;
    private readonly IActorRef _network;
    private readonly LiveEvents _events;
    private readonly LiveBoard _board;
    private readonly IClock _clock;
    private readonly long _startMillis;
    private readonly FaultInjector _faults;
    private readonly ForensicsWatch? _forensics;
    private readonly SortedDictionary<int, NodeStatus> _statuses = [];
    private readonly SortedDictionary<int, IActorRef> _up = [];
    private readonly Queue<PowBlockTime> _powHeads = new();
    private readonly Dictionary<IActorRef, IActorRef> _chainOf = []; // guardian → its chain; lookup only
    private readonly HashSet<int> _subscribed = []; // membership only
    /// <summary>Faults due at a PoW height (<c>height H</c>), by height: applied when the highest head reaches it, as <c>simulate</c> does.</summary>
    private readonly HeightSchedule<FaultDue> _atHeight = new();
    private ulong _maxPowHeight;
    private ChainEvent.Merged? _merged;
    private long _mergedAtMillis;
    private EpochParticipation? _participation;
    private ValidatorTable? _validators;
    private FirstFinality? _firstFinalized;
    private int _posAskedTicksAgo = -1;
    private bool _faultsFromGenesisScheduled;

    private sealed record PowBlockTime(ulong Height, ulong TimestampMillis, BigInteger Work);

    /// <summary>The props of the monitor of <paramref name="plan"/>'s run, started at <paramref name="startMillis"/>.</summary>
    /// <remarks><paramref name="forensics"/> (optional) is told each checkpoint each node finalizes, and the PoS genesis.</remarks>
    public static Props Create(LivePlan plan, IActorRef network, IActorRef log, LiveEvents events, LiveBoard board, IClock clock,
        long startMillis, ForensicsWatch? forensics = null) =>
        Props.Create(() => new LiveMonitor(plan, network, log, events, board, clock, startMillis, forensics));

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public LiveMonitor(LivePlan plan, IActorRef network, IActorRef log, LiveEvents events, LiveBoard board, IClock clock, long startMillis,
        ForensicsWatch? forensics = null)
    {
        _forensics = forensics;
        _plan = plan;
        _info = plan.Info();
        _config = plan.Settings.Consensus.Config;
        _network = network;
        _events = events;
        _board = board;
        _clock = clock;
        _startMillis = startMillis;
        _faults = new FaultInjector(network, log, clock);
        Receive<Tick>(_ => OnTick());
        Receive<Refresh>(_ => OnTick());
        Receive<EmbeddedNetwork.Nodes>(OnNodes);
        Receive<NodeStatus>(s => _statuses[s.Node] = s);
        Receive<NodeGuardian.Parts>(OnParts);
        Receive<ChainActor.PosStatus>(OnPosStatus);
        Receive<FromNode>(OnChainEvent);
        Receive<FaultDue>(OnFaultDue);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.Zero, Every);
        ScheduleFaults(fromGenesis: false);
    }

    private void OnTick()
    {
        _network.Tell(new EmbeddedNetwork.GetNodes(Self));
        if (_posAskedTicksAgo >= 0 && ++_posAskedTicksAgo > PosAskPatience) _posAskedTicksAgo = -1;
        if (_merged is not null && _posAskedTicksAgo < 0 && _up.Count > 0)
        {
            var guardian = _up.First().Value;
            if (_chainOf.TryGetValue(guardian, out var chain)) chain.Tell(new ChainActor.GetPosStatus(Self));
            else guardian.Tell(new NodeGuardian.GetParts(Self));
            _posAskedTicksAgo = 0;
        }

        _board.Publish(Snapshot());
    }

    private void OnNodes(EmbeddedNetwork.Nodes nodes)
    {
        _up.Clear();
        foreach (var (id, guardian) in nodes.Guardians)
        {
            _up[id] = guardian;
            guardian.Tell(new NodeGuardian.GetStatus(Self));
            if (_subscribed.Add(id))
            {
                var self = Self;
                var forward = Context.ActorOf(ChainEventForwarder.Create(id, (node, e) => self.Tell(new FromNode(node, e))), "node-" + id);
                _network.Tell(new EmbeddedNetwork.SubscribeChain(id, forward, true)); // and again each time it restarts
            }
        }

        foreach (var id in _statuses.Keys.Where(id => !_up.ContainsKey(id)).ToList())
            _statuses.Remove(id);
    }

    private void OnParts(NodeGuardian.Parts parts)
    {
        var guardian = Sender;
        _chainOf[guardian] = parts.Chain;
        parts.Chain.Tell(new ChainActor.GetPosStatus(Self));
    }

    private void OnPosStatus(ChainActor.PosStatus p)
    {
        _posAskedTicksAgo = -1;
        var state = p.HeadState; // shared by the chain: read only
        var epoch = _config.EpochOf(p.CurrentSlot);
        var rows = ImmutableArray.CreateBuilder<ValidatorRow>(state.ValidatorCount);
        for (var i = 0; i < state.ValidatorCount; i++)
        {
            var v = state.Validators[i];
            rows.Add(new ValidatorRow(_info.NameOf(i), _info.NodeOf(i), state.Balance(i), v.EffectiveBalance, ValidatorStatuses.Of(v, epoch)));
        }

        _validators = new ValidatorTable(_up.Count == 0 ? 0 : _up.First().Key, p.HeadSlot, rows.MoveToImmutable());
    }

    private void OnChainEvent(FromNode n)
    {
        var watched = _up.Count == 0 || n.Node == _up.First().Key;
        if (n.Event is ChainEvent.EpochTransitioned finality) _forensics?.OnFinalized(n.Node, finality.Transition.Finalized, _clock.NowMillis);
        else if (n.Event is ChainEvent.Merged genesis) _forensics?.OnGenesis(genesis.GenesisState);
        switch (n.Event)
        {
            case ChainEvent.HeadChanged h when h.Head.Height > _maxPowHeight:
                _maxPowHeight = h.Head.Height;
                foreach (var due in _atHeight.Reached(_maxPowHeight)) OnFaultDue(due);

                if (watched) RecordPowHead(h);
                break;
            case ChainEvent.HeadChanged h when watched:
                RecordPowHead(h);
                break;
            case ChainEvent.Merged m when _merged is null:
                _merged = m;
                _mergedAtMillis = _clock.NowMillis;
                ScheduleFaults(fromGenesis: true);
                break;
            case ChainEvent.PosHeadChanged p when _firstFinalized is null && p.Finalized.Epoch > 0 && _merged is not null:
                _firstFinalized = new FirstFinality(p.Finalized.Epoch, p.Slot, n.Node, _clock.NowMillis - GenesisMillis);
                break;
            case ChainEvent.EpochTransitioned t when watched && t.Transition.Epoch >= 1:
                var e = t.Transition;
                _participation = new EpochParticipation(e.Epoch - 1, e.PreviousTargetBalance, e.TotalActiveBalance, e.InLeak);
                break;
        }
    }

    /// <summary>Keeps node 0's last PoW heads for the hashrate; a head at or below the last one is a reorg: start over.</summary>
    private void RecordPowHead(ChainEvent.HeadChanged h)
    {
        if (_powHeads.Count > 0 && _powHeads.Last().Height >= h.Head.Height) _powHeads.Clear();
        _powHeads.Enqueue(new PowBlockTime(h.Head.Height, h.Head.Timestamp, Targets.Work(h.Head.Target)));
        while (_powHeads.Count > HashrateWindow + 1) _powHeads.Dequeue();
    }

    private long GenesisMillis => _merged is null ? -1 : checked((long)_merged.GenesisTimeSeconds * 1000);

    /// <summary>Injects or clears fault <c>Index</c> of the plan.</summary>
    private void OnFaultDue(FaultDue f)
    {
        var spec = _plan.Faults[f.Index];
        if (f.Inject) _faults.Inject(spec);
        else _faults.Clear(spec);
    }

    /// <summary>Schedules the faults whose times count from PoS genesis when <paramref name="fromGenesis"/> (known at the merge), the others (<c>second T</c>, from the start) otherwise.</summary>
    private void ScheduleFaults(bool fromGenesis)
    {
        if (fromGenesis && _faultsFromGenesisScheduled) return;
        _faultsFromGenesisScheduled |= fromGenesis;
        for (var i = 0; i < _plan.Faults.Length; i++)
        {
            var f = _plan.Faults[i];
            if (f.At.CountsFromGenesis == fromGenesis) Schedule(new FaultDue(i, true), f.At);
            if (f.Until is { } until && until.CountsFromGenesis == fromGenesis) Schedule(new FaultDue(i, false), until);
        }
    }

    private void Schedule(FaultDue due, ScenarioTime at)
    {
        if (at.Kind == TimeKind.Height)
        {
            _atHeight.Add(at.Value, due);
            return;
        }

        var when = at.Millis(_startMillis, GenesisMillis, _config);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, when - _clock.NowMillis));
        Timers.StartSingleTimer($"fault-{due.Index}-{due.Inject}", due, delay);
    }

    private LiveSnapshot Snapshot()
    {
        var now = _clock.NowMillis;
        var elapsed = now - _startMillis;
        PosClock? clock = null;
        MergeView? merge = null;
        if (_merged is not null)
        {
            var slot = now < GenesisMillis ? 0 : _config.SlotAt((ulong)GenesisMillis, (ulong)now);
            clock = new PosClock(slot, _config.EpochOf(slot), slot % _config.SlotsPerEpoch);
            merge = new MergeView(_merged.AnchorHeight, _mergedAtMillis - _startMillis, GenesisMillis - _startMillis, _events.OrphanedAtMerge());
        }

        return new LiveSnapshot(elapsed, _info, _merged is null ? PowNow() : null, merge, clock, [.. _statuses.Values],
            [.. _plan.Nodes.Select(n => n.NodeId).Where(id => !_up.ContainsKey(id))], _participation, _validators, _events.Lines(),
            _events.Blocks(), _firstFinalized, IsDone(elapsed, clock)) { Conflicts = _forensics?.Conflicts ?? [] };
    }

    private PowView? PowNow()
    {
        if (_powHeads.Count == 0) return null;
        var first = _powHeads.Peek();
        var last = _powHeads.Last();
        var work = BigInteger.Zero;
        foreach (var b in _powHeads.Skip(1)) work += b.Work;
        var span = (double)(last.TimestampMillis - first.TimestampMillis) / 1000.0;
        var rate = span <= 0 ? 0 : (double)work / span;
        return new PowView(last.Height, last.Work, rate, _plan.Settings.Pow.BlockTimeMillis);
    }

    private bool IsDone(long elapsed, PosClock? clock)
    {
        if (_plan.StopAfter is { } cut && elapsed >= (long)cut.TotalMilliseconds) return true;
        if (_plan.ScenarioStop is not { } stop) return false;
        return stop.Kind switch
        {
            StopKind.Seconds => elapsed >= checked((long)stop.Value * 1000),
            StopKind.Height => _statuses.Count > 0 && _statuses.Values.All(s => s.HeadHeight >= stop.Value), // every node up, as simulate
            _ => clock is not null && clock.Slot >= stop.Value * _config.SlotsPerEpoch,
        };
    }
}
