using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Chain;
using ActorChain.Node.Faults;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Validators;

/// <summary>
/// The PoS engine of one node: the slot and epoch clock, duties (proposer and committees from core), epoch boundaries;
/// parent of one <see cref="ValidatorActor"/> per hosted validator and one <see cref="CheckpointActor"/> per live checkpoint.
/// At each slot start it tells the chain the slot and hands the proposal to the hosted proposer; at a third of the slot
/// it hands attestation duties to the hosted committee members. Started for the first time after PoS genesis (its node
/// merged late), it first catches up the duties of the current slot and epoch that a vote or block can still serve.
/// </summary>
public sealed partial class EpochActor : ReceiveActor, IWithTimers
{
    /// <summary>Swap a validator fault into the validator's actor; <paramref name="Publish"/> receives what it floods; reply a <see cref="FaultReply"/>.</summary>
    public sealed record InjectFault(ValidatorFault Fault, IActorRef Publish, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End a validator fault; reply a <see cref="FaultReply"/>.</summary>
    public sealed record ClearFault(ValidatorFault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="DutyReport"/>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private sealed record SlotStart(ulong Slot) : INoSerializationVerificationNeeded;

    private sealed record AttestTime(ulong Slot) : INoSerializationVerificationNeeded;

    /// <summary>What a <see cref="ChainActor.SlotContext"/> asked for is for (the chain answers in request order).</summary>
    private enum Purpose { Proposal, Attestation, CatchUp, CatchUpWithProposal }

    /// <summary>
    /// Chain-store metadata: this node's PoS engine has started before. A first start after PoS genesis (a node that
    /// merged late) catches up the duties still valid; a restart (a crash, a supervisor restart) does not, as Java did.
    /// </summary>
    internal const string StartedKey = "pos-engine-started";

    private readonly NodeContext _node;
    private readonly ConsensusConfig _config;
    private readonly ulong _genesisMillis;
    private readonly IActorRef _chain;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedDictionary<string, IActorRef> _validators = new(StringComparer.Ordinal);
    private readonly Dictionary<PubKey, string> _hostedByKey = [];
    private readonly SortedDictionary<Checkpoint, IActorRef> _checkpoints = new(CheckpointOrder.Instance);
    private readonly Queue<Purpose> _asked = new();
    private readonly HostedIndices _hosted;
    private Checkpoint? _finalized;
    private long _spawned;

    /// <summary>Spawns the hosted validators and starts the slot clock; see <see cref="Create"/>.</summary>
    public EpochActor(NodeContext node, ConsensusConfig config, ulong genesisTimeSeconds, ImmutableArray<string> hosted, IActorRef chain,
        IActorRef mempool)
    {
        _node = node;
        _config = config;
        _genesisMillis = genesisTimeSeconds * 1000;
        _chain = chain;
        foreach (var name in hosted)
        {
            _validators[name] = Context.ActorOf(ValidatorActor.Create(node, name, config, chain, mempool), "validator-" + name);
            _hostedByKey[node.Settings.Key(name).PublicKey] = name;
        }

        _hosted = new HostedIndices(_hostedByKey);
        _finalized = node.Stores.Chain.Finalized; // a restarted node does not report again what it finalized before
        Receive<SlotStart>(OnSlotStart);
        Receive<AttestTime>(OnAttestTime);
        Receive<ChainActor.SlotContext>(OnSlotContext);
        Receive<ChainEvent>(OnChainEvent);
        Receive<InjectFault>(f => RouteFault(f.Fault, new ValidatorActor.InjectFault(f.Fault, f.Publish), f.ReplyTo, "injected"));
        Receive<ClearFault>(c => RouteFault(c.Fault, new ValidatorActor.ClearFault(c.Fault), c.ReplyTo, "cleared"));
        Receive<GetDuties>(g => Context.ActorOf(DutyCollector.Create(_node.NodeId, _validators.ToImmutableSortedDictionary(StringComparer.Ordinal), g.ReplyTo)));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The PoS engine of <paramref name="node"/>, hosting <paramref name="hosted"/>; slot 0 starts at <paramref name="genesisTimeSeconds"/>.</summary>
    public static Props Create(NodeContext node, ConsensusConfig config, ulong genesisTimeSeconds, ImmutableArray<string> hosted,
        IActorRef chain, IActorRef mempool) =>
        Props.Create(() => new EpochActor(node, config, genesisTimeSeconds, hosted, chain, mempool));

    /// <summary>Validators restart and read their slashing-protection record again; a checkpoint's tally restarts empty.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(10, Timeout.InfiniteTimeSpan, ex =>
    {
        _log.Warning("node {0}: a PoS child failed and restarts: {1}", _node.NodeId, ex.Message);
        return Directive.Restart;
    });

    /// <inheritdoc />
    protected override void PreStart()
    {
        _chain.Tell(new ChainActor.Subscribe(Self, [ChainEventKind.Attestation, ChainEventKind.LocalAttestation,
            ChainEventKind.BlockAttestations, ChainEventKind.EpochTransitioned]));
        var now = Now;
        var first = _config.FirstSlotStartingFrom(_genesisMillis, now);
        ScheduleAt(new SlotStart(first), _config.SlotStartMillis(_genesisMillis, first));
        var startedBefore = _node.Stores.Chain.Meta(StartedKey) is not null;
        if (!startedBefore)
            _node.Stores.Chain.PutMeta(StartedKey, [1]);
        if (now > _genesisMillis && _validators.Count > 0 && !startedBefore)
            CatchUp(now, first);
    }

    private ulong Now => (ulong)Math.Max(0, _node.Clock.NowMillis);

    /// <summary>
    /// Started after PoS genesis: the current slot's attestations at their time (or now, if it has passed), and its
    /// proposal, if the slot has started already; the missed votes of earlier slots still includable.
    /// </summary>
    private void CatchUp(ulong now, ulong first)
    {
        var current = _config.SlotAt(_genesisMillis, now);
        var midSlot = first > current; // else the slot starts now, and its SlotStart does its duties
        if (midSlot)
        {
            _chain.Tell(new ChainActor.SlotTick(current));
            ScheduleAt(new AttestTime(current), AttestMillis(current));
        }

        _log.Info("node {0}: PoS engine started in slot {1}; catching up the duties still valid", _node.NodeId, current);
        Ask(current, midSlot ? Purpose.CatchUpWithProposal : Purpose.CatchUp);
    }

    private ulong AttestMillis(ulong slot) => _config.SlotStartMillis(_genesisMillis, slot) + (_config.MillisPerSlot / 3);

    private void ScheduleAt(object message, ulong atMillis)
    {
        var now = Now;
        var delay = atMillis > now ? TimeSpan.FromMilliseconds(atMillis - now) : TimeSpan.Zero;
        Timers.StartSingleTimer(message, message, delay);
    }

    private void Ask(ulong slot, Purpose purpose)
    {
        _asked.Enqueue(purpose);
        _chain.Tell(new ChainActor.GetSlotContext(slot, Self));
    }

    private void OnSlotStart(SlotStart s)
    {
        var slot = s.Slot;
        _chain.Tell(new ChainActor.SlotTick(slot));
        if (_validators.Count > 0)
            Ask(slot, Purpose.Proposal);
        ScheduleAt(new AttestTime(slot), AttestMillis(slot));
        ScheduleAt(new SlotStart(slot + 1), _config.SlotStartMillis(_genesisMillis, slot + 1));
    }

    private void OnAttestTime(AttestTime a)
    {
        if (_validators.Count > 0)
            Ask(a.Slot, Purpose.Attestation);
    }

    private void OnSlotContext(ChainActor.SlotContext ctx)
    {
        if (!_asked.TryDequeue(out var purpose))
            return;
        switch (purpose)
        {
            case Purpose.Proposal:
                ProposeAt(ctx);
                break;
            case Purpose.Attestation:
                AttestAt(ctx);
                break;
            default:
                if (purpose == Purpose.CatchUpWithProposal)
                    ProposeAt(ctx);
                foreach (var m in DutyCatchUp.Missed(ctx.AdvancedState, ctx.Slot, _hosted.Resolve(ctx.AdvancedState).Indices, _config))
                    _validators[_hosted.NameOf(m.ValidatorIndex)].Tell(new ValidatorActor.Attest(m.Data, m.ValidatorIndex));
                break;
        }
    }

    private void ProposeAt(ChainActor.SlotContext ctx)
    {
        var state = ctx.AdvancedState;
        if (ctx.Slot == 0 || state.Slot != ctx.Slot)
            return; // slot 0 is the anchor's
        if (Proposers.BeaconProposerIndex(state, ctx.Slot, _config) is not { } proposer)
            return;
        var v = state.Validators[proposer];
        if (_hostedByKey.TryGetValue(v.Pubkey, out var name) && !v.Slashed) // a slashed proposer's block would be invalid
            _validators[name].Tell(new ValidatorActor.Propose(ctx, (ulong)proposer));
    }

    private void AttestAt(ChainActor.SlotContext ctx)
    {
        var state = ctx.AdvancedState;
        var slot = ctx.Slot;
        if (state.Slot > slot)
            return;
        var epoch = _config.EpochOf(slot);
        var dataByCommittee = new SortedDictionary<ulong, AttestationData>();
        var hosted = _hosted.Resolve(state);
        for (var h = 0; h < hosted.Indices.Length; h++)
        {
            var index = hosted.Indices[h];
            if (Committees.CommitteeOf(state, epoch, index, _config) is not { } duty || duty.Slot != slot)
                continue;
            if (!dataByCommittee.TryGetValue(duty.CommitteeIndex, out var data))
            {
                data = AttestationProduction.ComputeAttestationData(state, ctx.HeadRoot, slot, duty.CommitteeIndex, _config);
                dataByCommittee[duty.CommitteeIndex] = data;
            }

            _validators[hosted.Names[h]].Tell(new ValidatorActor.Attest(data, (ulong)index));
        }
    }

    private void OnChainEvent(ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.AttestationsImported a:
                Tally(a.Attestations);
                break;
            case ChainEvent.BlockAttestationsImported b:
                Tally(b.Attestations);
                break;
            case ChainEvent.EpochTransitioned t:
                OnTransition(t);
                break;
        }
    }

    private void OnTransition(ChainEvent.EpochTransitioned t)
    {
        _finalized = t.Transition.Finalized;
        foreach (var c in _checkpoints.Values.ToList())
            c.Tell(new CheckpointActor.Transition(t.Transition));
        foreach (var k in _checkpoints.Keys.Where(k => k.Epoch <= _finalized.Epoch).ToList())
            _checkpoints.Remove(k); // each has stopped itself: finalized or abandoned
    }

    /// <summary>Hands each live target's votes to its <see cref="CheckpointActor"/> in one message, in the order they came.</summary>
    private void Tally(ImmutableArray<AttestationImported> attestations)
    {
        // Almost always every live vote of a message names one target: one exact array then, and no map.
        Checkpoint? single = null;
        var live = 0;
        foreach (var a in attestations)
        {
            var target = a.Attestation.Data.Target;
            if (!IsLive(target)) continue;
            if (single is null) single = target;
            else if (!single.Equals(target))
            {
                TallyByTarget(attestations);
                return;
            }

            live++;
        }

        if (single is null) return;
        var votes = new CheckpointActor.Vote[live];
        var i = 0;
        foreach (var a in attestations)
        {
            if (IsLive(a.Attestation.Data.Target))
                votes[i++] = new CheckpointActor.Vote(a.Attestation.ValidatorIndex, a.Stake);
        }

        CheckpointOf(single).Tell(new CheckpointActor.Votes(ImmutableCollectionsMarshal.AsImmutableArray(votes)));
    }

    private void TallyByTarget(ImmutableArray<AttestationImported> attestations)
    {
        var order = new List<Checkpoint>();
        var byTarget = new Dictionary<Checkpoint, ImmutableArray<CheckpointActor.Vote>.Builder>();
        foreach (var a in attestations)
        {
            var target = a.Attestation.Data.Target;
            if (!IsLive(target)) continue;
            if (!byTarget.TryGetValue(target, out var votes))
            {
                byTarget[target] = votes = ImmutableArray.CreateBuilder<CheckpointActor.Vote>(order.Count == 0 ? attestations.Length : 8);
                order.Add(target);
            }

            votes.Add(new CheckpointActor.Vote(a.Attestation.ValidatorIndex, a.Stake));
        }

        foreach (var target in order)
            CheckpointOf(target).Tell(new CheckpointActor.Votes(byTarget[target].DrainToImmutable()));
    }

    /// <summary>
    /// A target is live until a transition has finalized its epoch or a later one. Before the first transition every
    /// target is (the genesis checkpoint's votes are tallied until it is reported finalized, once).
    /// </summary>
    private bool IsLive(Checkpoint target) => _finalized is null || target.Epoch > _finalized.Epoch;

    private IActorRef CheckpointOf(Checkpoint c)
    {
        if (!_checkpoints.TryGetValue(c, out var actor))
        {
            var name = $"checkpoint-{c.Epoch}-{c.Root.ToString()[..8]}-{++_spawned}";
            _checkpoints[c] = actor = Context.ActorOf(CheckpointActor.Create(_node, c), name);
        }

        return actor;
    }

    private void RouteFault(ValidatorFault fault, object message, IActorRef? replyTo, string done)
    {
        FaultReply reply;
        if (!_validators.TryGetValue(fault.Validator, out var v))
        {
            reply = new FaultReply(false, $"validator {fault.Validator} is not hosted on node {_node.NodeId}");
        }
        else
        {
            v.Tell(message);
            reply = new FaultReply(true, $"{fault.Describe()} {done} on node {_node.NodeId}");
        }

        _log.Info("node {0}: {1}", _node.NodeId, reply.Detail);
        if (replyTo is not null && !replyTo.IsNobody())
            replyTo.Tell(reply);
    }
}
