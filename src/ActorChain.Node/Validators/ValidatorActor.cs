using System.Buffers.Binary;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Faults;
using ActorChain.Node.Storage;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Validators;

/// <summary>
/// One hosted validator (CONSENSUS.md §5.7): proposes and attests when on duty. It checks its slashing-protection
/// record and saves the updated one in the node's protection store before anything is signed, and reads it back when
/// it starts (and at every restart by its supervisor), so an honest validator never signs anything slashable, even
/// after a crash mid-slot. An injected fault swaps in another behaviour (<see cref="FaultyValidator"/>) until cleared.
/// </summary>
public sealed partial class ValidatorActor : ReceiveActor, IWithTimers
{
    /// <summary>Propose the block of <c>Context.Slot</c> as validator <paramref name="ValidatorIndex"/>.</summary>
    public sealed record Propose(ChainActor.SlotContext Context, ulong ValidatorIndex) : INoSerializationVerificationNeeded;

    /// <summary>Attest to <paramref name="Data"/> as validator <paramref name="ValidatorIndex"/>.</summary>
    public sealed record Attest(AttestationData Data, ulong ValidatorIndex) : INoSerializationVerificationNeeded;

    /// <summary>Swap <paramref name="Fault"/> in; <paramref name="Publish"/> receives what the faulty behaviour floods.</summary>
    public sealed record InjectFault(ValidatorFault Fault, IActorRef Publish) : INoSerializationVerificationNeeded;

    /// <summary>Back to honest behaviour.</summary>
    public sealed record ClearFault(ValidatorFault Fault) : INoSerializationVerificationNeeded;

    /// <summary>Reply with this validator's <see cref="DutyReport.Duties"/>.</summary>
    public sealed record GetDuties(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The tag of a vote at the signing desk: what the signature is for.</summary>
    private sealed record VoteToSign(AttestationData Data, ulong ValidatorIndex);

    /// <summary>A message held back by a late fault, due to the chain now.</summary>
    internal sealed record HeldBack(object Message) : INoSerializationVerificationNeeded;

    private readonly IActorRef _mempool;
    private readonly IProtectionStore _protectionStore;
    private readonly IActorRef _signer;
    private readonly Queue<Propose> _awaitingCandidates = new();
    private SlashingProtectionRecord _protection;
    private FaultyValidator? _faulty;
    private long _held;

    /// <summary>Loads the validator's slashing-protection record; see <see cref="Create"/>.</summary>
    public ValidatorActor(NodeContext node, string name, ConsensusConfig config, IActorRef chain, IActorRef mempool)
    {
        Node = node;
        Name = name;
        Key = node.Settings.Key(name);
        Config = config;
        Chain = chain;
        _mempool = mempool;
        _protectionStore = node.Stores.Protection;
        _signer = SigningDesk.For(Context.System);
        _protection = _protectionStore.Load(name) ?? SlashingProtectionRecord.Empty;
        if (_protection != SlashingProtectionRecord.Empty)
        {
            Log.Info("validator {0}: slashing-protection record loaded from {1}: last block slot {2}, last source {3}, last target {4}",
                name, _protectionStore.Location, Signed(_protection.LastSignedBlockSlot), Signed(_protection.LastSourceEpoch),
                Signed(_protection.LastTargetEpoch));
        }

        Receive<Propose>(p => (_faulty is null ? (Action<Propose>)OnPropose : _faulty.OnPropose)(p));
        Receive<MempoolActor.BeaconCandidates>(OnCandidatesArrived);
        Receive<Attest>(a => (_faulty is null ? (Action<Attest>)OnAttest : _faulty.OnAttest)(a));
        Receive<SigningDesk.Signed>(OnSigned);
        Receive<HeldBack>(h => Chain.Tell(h.Message));
        Receive<InjectFault>(OnInjectFault);
        Receive<ClearFault>(OnClearFault);
        Receive<GetDuties>(g => g.ReplyTo.Tell(Last.Report(Name, _faulty?.Fault.Kind)));
    }

    /// <summary>The validator of <paramref name="name"/> on <paramref name="node"/>, on <see cref="NodeContext.ValidatorDispatcher"/> if set.</summary>
    public static Props Create(NodeContext node, string name, ConsensusConfig config, IActorRef chain, IActorRef mempool)
    {
        ArgumentNullException.ThrowIfNull(node);
        var props = Props.Create(() => new ValidatorActor(node, name, config, chain, mempool));
        return node.ValidatorDispatcher is { } dispatcher ? props.WithDispatcher(dispatcher) : props;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    internal NodeContext Node { get; }

    internal string Name { get; }

    internal SigningKey Key { get; }

    internal ConsensusConfig Config { get; }

    internal IActorRef Chain { get; }

    internal ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>Recorded by a swapped-in fault behaviour too.</summary>
    internal LastDuties Last { get; } = new();

    /// <summary>The slashing-protection record as last saved.</summary>
    internal SlashingProtectionRecord Protection => _protection;

    /// <summary>
    /// Saves <paramref name="next"/> to the slashing-protection store, durable when this returns (CONSENSUS.md §5.7),
    /// and only then makes it this validator's record: call it before signing. If the save throws, the actor fails
    /// before anything is signed, and its supervisor restarts it from the record last saved.
    /// </summary>
    internal void Record(SlashingProtectionRecord next)
    {
        _protectionStore.Save(Name, next);
        _protection = next;
    }

    /// <summary>Honest: checks protection, then asks the mempool for the block's contents.</summary>
    internal void OnPropose(Propose p)
    {
        if (MayProposeAt(p.Context.Slot))
            RequestCandidates(p);
    }

    /// <summary>Asks the mempool what the block may include; the answer comes back as <see cref="MempoolActor.BeaconCandidates"/>.</summary>
    internal void RequestCandidates(Propose p)
    {
        _awaitingCandidates.Enqueue(p);
        _mempool.Tell(new MempoolActor.SelectForBeaconBlock(p.Context.AdvancedState, Self));
    }

    /// <summary>Honest: produces the block from the candidates and sends it to the chain.</summary>
    internal void OnCandidates(Propose p, MempoolActor.BeaconCandidates candidates)
    {
        var block = Produce(p, candidates);
        Proposed(block, p.ValidatorIndex);
        Chain.Tell(new ChainActor.ImportBeaconBlock(block, -1));
    }

    /// <summary>The signed block of <paramref name="p"/>'s slot, built from <paramref name="c"/>; its signatures are recorded as valid.</summary>
    internal BeaconBlock Produce(Propose p, MempoolActor.BeaconCandidates c)
    {
        var block = BlockProduction.Produce(p.Context.AdvancedState, p.Context.Slot, (int)p.ValidatorIndex, Key, c.Attestations,
            c.ProposerSlashings, c.AttesterSlashings, c.Transactions, Config, SignatureCheck.Shared).Block;
        SignatureCheck.RecordValid(Key.PublicKey, Domain.Proposer, block.Root, block.Sig);
        SignatureCheck.RecordValid(Key.PublicKey, Domain.Randao, BlockProduction.RandaoSigningRoot(Config.EpochOf(block.Slot)), block.Body.RandaoReveal);
        return block;
    }

    /// <summary>The <c>block_proposed</c> event, with any fields a fault adds.</summary>
    internal void Proposed(BeaconBlock block, ulong validatorIndex, params object?[] extra)
    {
        object?[] fields = ["validator", Name, "index", validatorIndex, "slot", block.Slot, "root", block.Root.ToString(),
            "attestations", block.Body.Attestations.Length];
        Node.Emit("block_proposed", [.. fields, .. extra]);
        Last.Proposed(block.Slot);
    }

    /// <summary>Honest: checks and saves protection, then has the signing desk sign the vote (it comes back as <see cref="SigningDesk.Signed"/>).</summary>
    internal void OnAttest(Attest a)
    {
        if (MayAttest(a))
            _signer.Tell(new SigningDesk.Sign(Key, Domain.Attester, a.Data.Root, Self, new VoteToSign(a.Data, a.ValidatorIndex)));
    }

    /// <summary>The signed attestation of duty <paramref name="a"/>, signed here and now, or null when protection refuses it.</summary>
    internal Attestation? SignNow(Attest a)
    {
        return MayAttest(a) ? SignVote(a.Data, a.ValidatorIndex) : null;
    }

    /// <summary>Signs <paramref name="data"/> here and now, with no protection check, and records the signature as valid.</summary>
    internal Attestation SignVote(AttestationData data, ulong validatorIndex)
    {
        var sig = Key.Sign(Domain.Attester, data.Root);
        SignatureCheck.RecordValid(Key.PublicKey, Domain.Attester, data.Root, sig);
        return new Attestation(validatorIndex, data, sig);
    }

    /// <summary>Sends <paramref name="message"/> to the chain after <paramref name="delay"/> (virtual-time timer).</summary>
    internal void HoldBack(object message, TimeSpan delay) =>
        Timers.StartSingleTimer("held-" + (++_held), new HeldBack(message), delay);

    /// <summary>A record field as a signed number, for logs: <see cref="SlashingProtectionRecord.None"/> is −1.</summary>
    internal static long Signed(ulong v) => unchecked((long)v);

    private void OnCandidatesArrived(MempoolActor.BeaconCandidates c)
    {
        if (!_awaitingCandidates.TryDequeue(out var p))
            return; // asked for by this actor before a restart: the block is never made
        if (_faulty is null) OnCandidates(p, c);
        else _faulty.OnCandidates(p, c);
    }

    private void OnSigned(SigningDesk.Signed s)
    {
        if (s.Tag is VoteToSign v)
            Chain.Tell(new ChainActor.ImportAttestations([new Attestation(v.ValidatorIndex, v.Data, s.Signature)], -1));
    }

    private void OnInjectFault(InjectFault f)
    {
        Log.Info("validator {0}: fault {1} swapped in", Name, f.Fault.Describe());
        _faulty = FaultyValidator.For(this, f.Fault, f.Publish);
    }

    private void OnClearFault(ClearFault c)
    {
        if (_faulty is null) return;
        if (c.Fault != _faulty.Fault)
        {
            Log.Info("validator {0}: clear of {1} ignored; {2} is in", Name, c.Fault.Describe(), _faulty.Fault.Describe());
            return;
        }

        Log.Info("validator {0}: fault {1} cleared; honest again", Name, _faulty.Fault.Describe());
        _faulty = null;
    }

    /// <summary>
    /// Checks and records (atomically, <see cref="ProtectionStores.CheckAndRecord"/>) the slashing-protection record
    /// for a block at <paramref name="slot"/>: true if it may be signed.
    /// </summary>
    private bool MayProposeAt(ulong slot)
    {
        var allowed = _protectionStore.CheckAndRecord(Name, _protection, r => r.MaySignBlock(slot), out _protection);
        if (!allowed)
            Log.Warning("validator {0}: refused to sign a second block at slot {1} (slashing protection)", Name, slot);
        return allowed;
    }

    /// <summary>Checks and saves the slashing-protection record for duty <paramref name="a"/>: true if it may be signed.</summary>
    private bool MayAttest(Attest a)
    {
        if (!_protectionStore.CheckAndRecord(Name, _protection,
                r => r.MaySignAttestation(a.Data.Source.Epoch, a.Data.Target.Epoch), out _protection))
        {
            Log.Warning("validator {0}: refused to attest source {1} target {2} (slashing protection)", Name,
                a.Data.Source.Epoch, a.Data.Target.Epoch);
            return false;
        }

        Last.Attested(a.Data);
        return true;
    }
}
