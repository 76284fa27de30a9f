using System.Collections.Immutable;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Node.Time;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Consensus;

/// <summary>
/// Owns the node's block producers and swaps them at the merge: it stops the <see cref="MinerActor"/>s, awaits their
/// <c>Terminated</c>, then starts the PoS engine (<c>EpochActor</c> and its validators and checkpoints).
/// </summary>
public sealed class ConsensusSupervisor : ReceiveActor
{
    /// <summary>Reply with <see cref="MinerStats"/>.</summary>
    public sealed record GetMinerStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The miners running now, in name order.</summary>
    public sealed record MinerStats(ImmutableArray<IActorRef> Miners) : INoSerializationVerificationNeeded;

    /// <summary>Stop every producer (the end of a run).</summary>
    public sealed record StopProducing : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static StopProducing Instance { get; } = new();
    }

    /// <summary>Swap a fault into the producer concerned; <paramref name="Publish"/> receives what a faulty actor floods; reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(Fault Fault, IActorRef Publish, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the hosted validators' <c>DutyReport</c>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The dispatcher real-mode miners run on in real time, away from the node's actors.</summary>
    public const string MiningDispatcher = "actorchain.mining-dispatcher";

    /// <summary>The HOCON of <see cref="MiningDispatcher"/>, for a real-time actor system's configuration.</summary>
    public const string MiningDispatcherHocon = """
        actorchain.mining-dispatcher {
          type = Dispatcher
          executor = "fork-join-executor"
          fork-join-executor { parallelism-min = 1, parallelism-max = 2 }
          throughput = 1
        }
        """;

    private readonly NodeContext _node;
    private readonly ImmutableArray<string> _validators;
    private readonly IActorRef _chain;
    private readonly IActorRef _mempool;
    private readonly SortedDictionary<string, IActorRef> _miners = new(StringComparer.Ordinal);
    /// <summary>Validator faults injected before proof of stake started, by validator: swapped in when it starts.</summary>
    private readonly SortedDictionary<string, InjectFault> _pendingValidatorFaults = new(StringComparer.Ordinal);
    /// <summary>The PoW children the merge waits for, by actor name.</summary>
    private readonly SortedSet<string> _stopping = new(StringComparer.Ordinal);
    private ChainEvent.Merged? _merged;
    private IActorRef? _posEngine;
    private IActorRef? _withholder;
    private PowFault? _powFault;
    private bool _stopped;

    /// <summary>The supervisor of <paramref name="node"/>: one miner per spec now, the PoS engine of <paramref name="validators"/> from the merge.</summary>
    public static Props Create(NodeContext node, ImmutableArray<MinerSpec> miners, ImmutableArray<string> validators,
        IActorRef chain, IActorRef mempool) =>
        Props.Create(() => new ConsensusSupervisor(node, miners, validators, chain, mempool));

    /// <summary>Builds the supervisor; use <see cref="Create"/>.</summary>
    public ConsensusSupervisor(NodeContext node, ImmutableArray<MinerSpec> miners, ImmutableArray<string> validators,
        IActorRef chain, IActorRef mempool)
    {
        _node = node;
        _validators = validators;
        _chain = chain;
        _mempool = mempool;
        var mode = node.Settings.PowMode;
        var realTime = Context.System.Scheduler is not VirtualTimeScheduler;
        var ownDispatcher = mode == PowMode.Real && realTime && miners.Length > 0;
        if (ownDispatcher && !Context.System.Dispatchers.HasDispatcher(MiningDispatcher))
        {
            Context.GetLogger().Warning("node {0}: {1} is not configured (see ConsensusSupervisor.MiningDispatcherHocon); real miners share the default dispatcher",
                node.NodeId, MiningDispatcher);
            ownDispatcher = false;
        }

        foreach (var spec in miners)
        {
            var props = MinerActor.Create(node, spec, mode, chain, mempool);
            if (ownDispatcher) props = props.WithDispatcher(MiningDispatcher);
            _miners.Add(spec.Name, Context.ActorOf(props, "miner-" + spec.Name));
        }

        Context.GetLogger().Info("node {0}: PoW engine with {1} {2} miner(s)", node.NodeId, miners.Length, mode);
        Receive<GetMinerStats>(g => g.ReplyTo.Tell(new MinerStats([.. _miners.Values])));
        Receive<StopProducing>(_ => OnStopProducing());
        Receive<ChainEvent>(OnChainEvent);
        Receive<Terminated>(OnTerminated);
        Receive<InjectFault>(OnInjectFault);
        Receive<ClearFault>(OnClearFault);
        Receive<GetDuties>(OnGetDuties);
    }

    /// <inheritdoc />
    protected override void PreStart() => _chain.Tell(new ChainActor.Subscribe(Self, MinerActor.Heads));

    /// <summary>After a failure the subscription (same ref) still stands: do not subscribe twice.</summary>
    protected override void PostRestart(Exception reason)
    {
    }

    /// <summary>A failing producer restarts: a miner from the next head, the PoS engine from the chain (its validators re-read their protection records).</summary>
    /// A child that fails the same way at every start (bad input it keeps re-reading) is stopped after 10 restarts
    /// instead of looping forever; the count has no time window, so it does not depend on the wall clock.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(10, Timeout.InfiniteTimeSpan, _ => Directive.Restart);

    private void OnStopProducing()
    {
        _stopped = true;
        // The end of a run ends a miner fault too: what the withholder still holds is published (ordered before its
        // stop), so that a selfish or private chain ahead at the stop is judged with everyone's heads, not hidden.
        if (_withholder is not null)
        {
            _withholder.Tell(WithholdingActor.Release.Instance);
            _withholder.Tell(PoisonPill.Instance);
            _withholder = null;
        }

        StopPowChildren(watch: false);
        if (_posEngine is not null) Context.Stop(_posEngine);
        _posEngine = null;
    }

    /// <summary>Stops the miners and the withholder, if still there (what it withholds is never published); returns how many.</summary>
    private int StopPowChildren(bool watch)
    {
        var stopped = 0;
        foreach (var miner in _miners.Values) Stop(miner, watch, ref stopped);
        _miners.Clear();
        if (_withholder is not null) Stop(_withholder, watch, ref stopped);
        _withholder = null;
        _powFault = null;
        return stopped;
    }

    private void Stop(IActorRef child, bool watch, ref int stopped)
    {
        if (watch)
        {
            Context.Watch(child);
            _stopping.Add(child.Path.Name);
        }

        Context.Stop(child);
        stopped++;
    }

    /// <summary>The merge is a real swap (ARCHITECTURE.md): the PoW children stop, and once all have terminated the PoS engine starts.</summary>
    private void OnChainEvent(ChainEvent e)
    {
        if (e is not ChainEvent.Merged m || _merged is not null || _stopped) return;
        _merged = m;
        var stopped = StopPowChildren(watch: true);
        Context.GetLogger().Info("node {0}: merged at height {1}; stopping {2} PoW actor(s)", _node.NodeId, m.AnchorHeight, stopped);
        if (_stopping.Count == 0) StartPos();
    }

    private void OnTerminated(Terminated t)
    {
        if (!_stopping.Remove(t.ActorRef.Path.Name)) return;
        if (_stopping.Count == 0 && _merged is not null && _posEngine is null && !_stopped) StartPos();
    }

    private void StartPos()
    {
        _posEngine = Context.ActorOf(EpochActor.Create(_node, _node.Settings.Consensus.Config, _merged!.GenesisTimeSeconds,
            _validators, _chain, _mempool), "epoch");
        Context.GetLogger().Info("node {0}: PoS engine started with {1} hosted validator(s)", _node.NodeId, _validators.Length);
        foreach (var f in _pendingValidatorFaults.Values)
            _posEngine.Tell(new EpochActor.InjectFault((ValidatorFault)f.Fault, f.Publish, ActorRefs.Nobody));
        _pendingValidatorFaults.Clear();
    }

    private void OnInjectFault(InjectFault f)
    {
        switch (f.Fault)
        {
            case ValidatorFault v when !_validators.Contains(v.Validator):
                Reply(f.ReplyTo, false, NotHosted(v));
                break;
            case ValidatorFault v when _posEngine is not null:
                _posEngine.Tell(new EpochActor.InjectFault(v, f.Publish, f.ReplyTo));
                break;
            case ValidatorFault v:
                _pendingValidatorFaults[v.Validator] = f;
                Reply(f.ReplyTo, true, $"{v.Describe()} on node {_node.NodeId}; it acts once proof of stake starts");
                break;
            case PowFault p when _merged is not null:
                Reply(f.ReplyTo, false, $"node {_node.NodeId} has merged: {p.Kind} needs proof-of-work miners");
                break;
            case PowFault p when _miners.Count == 0:
                Reply(f.ReplyTo, false, $"node {_node.NodeId} hosts no miner: {p.Kind} needs one");
                break;
            case PowFault p:
                _withholder ??= Context.ActorOf(WithholdingActor.Create(_node, _chain), "withholder");
                _withholder.Tell(new WithholdingActor.Start(p, f.Publish));
                foreach (var miner in _miners.Values) miner.Tell(new MinerActor.WithholdTo(_withholder));
                _powFault = p;
                Reply(f.ReplyTo, true, $"{p.Describe()}: {_miners.Count} miner(s) withhold");
                break;
            default:
                Reply(f.ReplyTo, false, $"{f.Fault.Kind} is not a consensus fault");
                break;
        }
    }

    private void OnClearFault(ClearFault c)
    {
        switch (c.Fault)
        {
            case ValidatorFault v when !_validators.Contains(v.Validator):
                Reply(c.ReplyTo, false, NotHosted(v));
                break;
            case ValidatorFault v when _posEngine is not null:
                _posEngine.Tell(new EpochActor.ClearFault(v, c.ReplyTo));
                break;
            case ValidatorFault v:
                var was = _pendingValidatorFaults.TryGetValue(v.Validator, out var pending) && pending.Fault.Equals(v);
                if (was) _pendingValidatorFaults.Remove(v.Validator);
                Reply(c.ReplyTo, was, was
                    ? $"{v.Describe()} cleared on node {_node.NodeId}"
                    : $"validator {v.Validator} has no {v.Kind} fault on node {_node.NodeId}");
                break;
            case PowFault p when !p.Equals(_powFault) || _withholder is null:
                Reply(c.ReplyTo, false, $"node {_node.NodeId} has no {p.Describe()} fault");
                break;
            case PowFault p:
                foreach (var miner in _miners.Values) miner.Tell(MinerActor.Honest.Instance);
                _withholder.Tell(WithholdingActor.Release.Instance);
                _powFault = null;
                Reply(c.ReplyTo, true, $"{p.Describe()} cleared: withheld blocks published");
                break;
            default:
                Reply(c.ReplyTo, false, $"{c.Fault.Kind} is not a consensus fault");
                break;
        }
    }

    private void OnGetDuties(GetDuties g)
    {
        if (_posEngine is not null)
        {
            _posEngine.Tell(new EpochActor.GetDuties(g.ReplyTo));
            return;
        }

        var waiting = _validators.Distinct().Order(StringComparer.Ordinal)
            .Select(name => DutyReport.Duties.Unknown(name,
                _pendingValidatorFaults.TryGetValue(name, out var pending) ? pending.Fault.Kind : null));
        g.ReplyTo.Tell(new DutyReport(_node.NodeId, [.. waiting]));
    }

    private string NotHosted(ValidatorFault v) => $"validator {v.Validator} is not hosted on node {_node.NodeId}";

    private void Reply(IActorRef? replyTo, bool accepted, string detail)
    {
        Context.GetLogger().Info("node {0}: {1}", _node.NodeId, detail);
        if (replyTo is not null && !replyTo.IsNobody()) replyTo.Tell(new FaultReply(accepted, detail));
    }
}
