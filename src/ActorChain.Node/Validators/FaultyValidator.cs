using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;
using Kinds = ActorChain.Node.Faults.Fault;

namespace ActorChain.Node.Validators;

/// <summary>
/// A validator's behaviour while a fault is injected (ARCHITECTURE.md, "Faults"): one subclass per kind, swapped into
/// the <see cref="ValidatorActor"/> by <c>InjectFault</c> and out by <c>ClearFault</c>, which leaves the honest
/// behaviour with the slashing-protection record as the fault left it. Duties a fault does not bend are done by the
/// honest steps. A double-signing fault goes around slashing protection on purpose, says so in the event log, and still
/// records (durably, before signing) what it signed; what it signs goes to the local chain and, through
/// <see cref="Publish"/>, to every peer even when the local chain refuses it.
/// </summary>
internal abstract class FaultyValidator(ValidatorActor honest, ValidatorFault fault, IActorRef publish)
{
    /// <summary>The validator it bends.</summary>
    protected ValidatorActor Honest { get; } = honest;

    /// <summary>The fault swapped in.</summary>
    public ValidatorFault Fault { get; } = fault;

    /// <summary>Where what it signs is flooded to every peer.</summary>
    protected IActorRef PublishTo { get; } = publish;

    /// <summary>The behaviour of <paramref name="fault"/>.</summary>
    public static FaultyValidator For(ValidatorActor honest, ValidatorFault fault, IActorRef publish) => fault switch
    {
        Kinds.Offline => new Offline(honest, fault, publish),
        Kinds.DoubleVote => new DoubleVote(honest, fault, publish),
        Kinds.SurroundVote => new SurroundVote(honest, fault, publish),
        Kinds.DoubleProposal => new DoubleProposal(honest, fault, publish),
        Kinds.Late late => new Late(honest, late, publish),
        _ => throw new ArgumentException($"no behaviour for validator fault {fault.Describe()}", nameof(fault)),
    };

    /// <summary>By default a proposal duty is done as the honest validator does it.</summary>
    public virtual void OnPropose(ValidatorActor.Propose p) => Honest.OnPropose(p);

    /// <summary>By default the block is made as the honest validator makes it.</summary>
    public virtual void OnCandidates(ValidatorActor.Propose p, MempoolActor.BeaconCandidates c) => Honest.OnCandidates(p, c);

    /// <summary>By default an attestation duty is done as the honest validator does it.</summary>
    public virtual void OnAttest(ValidatorActor.Attest a) => Honest.OnAttest(a);

    /// <summary>
    /// Signs <paramref name="data"/> whatever slashing protection says, records it first, and sends it to the local chain
    /// and every peer; the <c>attestation</c> event names the fault and whether protection was bypassed.
    /// </summary>
    protected void SignAndSendAnyway(AttestationData data, ulong validatorIndex)
    {
        var allowed = Honest.Protection.MaySignAttestation(data.Source.Epoch, data.Target.Epoch) is not null;
        Honest.Record(Honest.Protection.RecordVoteAnyway(data.Source.Epoch, data.Target.Epoch));
        var att = Honest.SignVote(data, validatorIndex);
        Honest.Last.Attested(data);
        Honest.Node.Emit("attestation", "validator", Honest.Name, "index", validatorIndex, "slot", data.Slot,
            "committee", data.CommitteeIndex, "source", data.Source.Epoch, "target", data.Target.Epoch,
            "head", data.HeadRoot.ToString(), "root", data.Root.ToString(), "fault", Fault.Kind,
            "slashingProtection", allowed ? "passed" : "bypassed");
        Honest.Chain.Tell(new ChainActor.ImportAttestations([att], -1));
        PublishTo.Tell(new Publish(new Wire.AttestationGossip(att), att.Root));
    }

    /// <summary>Sends a block it signed to the local chain and every peer.</summary>
    protected void SendBlock(BeaconBlock block)
    {
        Honest.Chain.Tell(new ChainActor.ImportBeaconBlock(block, -1));
        PublishTo.Tell(new Publish(new Wire.BeaconBlockGossip(block), block.Root));
    }

    /// <summary>Skips every duty.</summary>
    private sealed class Offline(ValidatorActor honest, ValidatorFault fault, IActorRef publish) : FaultyValidator(honest, fault, publish)
    {
        public override void OnPropose(ValidatorActor.Propose p) =>
            Honest.Node.Emit("duty_skipped", "validator", Honest.Name, "index", p.ValidatorIndex, "slot", p.Context.Slot,
                "duty", "propose", "fault", Fault.Kind);

        public override void OnCandidates(ValidatorActor.Propose p, MempoolActor.BeaconCandidates c)
        {
            // asked for before going offline: the block is never made
        }

        public override void OnAttest(ValidatorActor.Attest a) =>
            Honest.Node.Emit("duty_skipped", "validator", Honest.Name, "index", a.ValidatorIndex, "slot", a.Data.Slot,
                "duty", "attest", "fault", Fault.Kind);
    }

    /// <summary>Signs its duty's vote and a second one for the same target epoch with another head, and sends both.</summary>
    private sealed class DoubleVote(ValidatorActor honest, ValidatorFault fault, IActorRef publish) : FaultyValidator(honest, fault, publish)
    {
        public override void OnAttest(ValidatorActor.Attest a)
        {
            SignAndSendAnyway(a.Data, a.ValidatorIndex);
            SignAndSendAnyway(ConflictingVotes.DoubleVote(a.Data), a.ValidatorIndex);
        }
    }

    /// <summary>Instead of its duty's vote, signs one that surrounds, or sits inside, a vote it signed before.</summary>
    private sealed class SurroundVote(ValidatorActor honest, ValidatorFault fault, IActorRef publish) : FaultyValidator(honest, fault, publish)
    {
        public override void OnAttest(ValidatorActor.Attest a)
        {
            var vote = ConflictingVotes.SurroundVote(a.Data, Honest.Protection, Honest.Config.SlotsPerEpoch);
            if (vote is null)
            {
                Honest.Node.Emit("fault_skipped", "validator", Honest.Name, "index", a.ValidatorIndex, "slot", a.Data.Slot,
                    "fault", Fault.Kind, "detail", "no signed vote to surround or sit inside yet; attested honestly");
                base.OnAttest(a);
                return;
            }

            SignAndSendAnyway(vote, a.ValidatorIndex);
        }
    }

    /// <summary>At a proposal duty, signs its block and a second one for the slot (the same parent, an empty body).</summary>
    private sealed class DoubleProposal(ValidatorActor honest, ValidatorFault fault, IActorRef publish) : FaultyValidator(honest, fault, publish)
    {
        private static readonly MempoolActor.BeaconCandidates NoCandidates = new([], [], [], []);

        public override void OnPropose(ValidatorActor.Propose p)
        {
            var slot = p.Context.Slot;
            if (Honest.Protection.MaySignBlock(slot) is null)
                Honest.Log.Warning("validator {0}: slashing protection bypassed for a block at slot {1} ({2})", Honest.Name, slot, Fault.Kind);
            Honest.Record(Honest.Protection.RecordBlockAnyway(slot));
            Honest.RequestCandidates(p);
        }

        public override void OnCandidates(ValidatorActor.Propose p, MempoolActor.BeaconCandidates c)
        {
            var first = Honest.Produce(p, c);
            var second = Honest.Produce(p, NoCandidates);
            if (first.Root == second.Root)
            {
                Honest.Node.Emit("fault_skipped", "validator", Honest.Name, "index", p.ValidatorIndex, "slot", first.Slot,
                    "fault", Fault.Kind, "detail", "nothing to vary: the block has an empty body, so both would be the same");
                Honest.Proposed(first, p.ValidatorIndex);
                SendBlock(first);
                return;
            }

            Honest.Proposed(first, p.ValidatorIndex, "fault", Fault.Kind, "slashingProtection", "passed");
            Honest.Proposed(second, p.ValidatorIndex, "fault", Fault.Kind, "slashingProtection", "bypassed");
            SendBlock(first);
            SendBlock(second);
        }
    }

    /// <summary>Holds each block and attestation back for the fault's delay, then sends it (virtual-time timers).</summary>
    private sealed class Late(ValidatorActor honest, Kinds.Late late, IActorRef publish) : FaultyValidator(honest, late, publish)
    {
        private readonly TimeSpan _delay = TimeSpan.FromMilliseconds(late.DelayMillis);

        public override void OnCandidates(ValidatorActor.Propose p, MempoolActor.BeaconCandidates c)
        {
            var block = Honest.Produce(p, c);
            Honest.Proposed(block, p.ValidatorIndex, "fault", Fault.Kind, "heldMillis", late.DelayMillis);
            Honest.HoldBack(new ChainActor.ImportBeaconBlock(block, -1), _delay);
        }

        public override void OnAttest(ValidatorActor.Attest a)
        {
            var signed = Honest.SignNow(a);
            if (signed is null) return;
            var d = a.Data;
            Honest.Node.Emit("attestation", "validator", Honest.Name, "index", a.ValidatorIndex, "slot", d.Slot,
                "committee", d.CommitteeIndex, "source", d.Source.Epoch, "target", d.Target.Epoch,
                "head", d.HeadRoot.ToString(), "root", d.Root.ToString(), "fault", Fault.Kind, "heldMillis", late.DelayMillis);
            Honest.HoldBack(new ChainActor.ImportAttestations([signed], -1), _delay);
        }
    }
}
