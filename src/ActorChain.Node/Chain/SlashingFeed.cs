using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Node.Chain;

/// <summary>
/// What the beacon chain tells the slasher and the event log about slashing (CONSENSUS.md §5.4 step 4, §5.5 step 5,
/// §6). It collects the signed messages the chain verified outside imported blocks and publishes them once per slot
/// (<see cref="ChainEvent.SignedMessagesSeen"/>: no message per attestation), and turns the slashings of imported blocks
/// and the correlation penalties and exits of canonical epoch transitions into events. A plain helper the chain actor
/// owns; it runs only on the chain's turn.
/// </summary>
internal sealed class SlashingFeed(NodeContext node, Action<ChainEvent> publish, SignatureCheck sigs)
{
    private ImmutableArray<SignedBeaconBlockHeader>.Builder _headers = ImmutableArray.CreateBuilder<SignedBeaconBlockHeader>();
    private ImmutableArray<Attestation>.Builder _attestations = ImmutableArray.CreateBuilder<Attestation>();

    /// <summary>A gossip attestation that passed validation, signature included.</summary>
    public void AttestationVerified(Attestation a) => _attestations.Add(a);

    /// <summary>
    /// A gossip attestation refused for <paramref name="reason"/>: kept if a vote refused for that reason may still be
    /// evidence and its signature verifies on <paramref name="state"/>; true when kept (signed by its validator).
    /// </summary>
    public bool AttestationRefused(BeaconState state, Attestation a, AttestationInvalidReason reason)
    {
        if (reason.RefusedVoteMayBeEvidence() && SlashingRules.IsSignedByAttester(state, a, sigs))
        {
            _attestations.Add(a);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A block refused after processing started: its header is kept if the proposer it names signed it and its slot has
    /// come. A block refused for its signature need not be offered.
    /// </summary>
    public void BlockRefused(BeaconState parentState, BeaconBlock b, ulong currentSlot)
    {
        var h = new SignedBeaconBlockHeader(b.Header, b.Sig);
        if (b.Slot <= currentSlot && SlashingRules.IsSignedByProposer(parentState, h, sigs))
        {
            _headers.Add(h);
        }
    }

    /// <summary>Publishes what was collected since the last call, if anything.</summary>
    public void Flush()
    {
        if (_headers.Count == 0 && _attestations.Count == 0)
        {
            return;
        }

        var seen = new ChainEvent.SignedMessagesSeen(_headers.ToImmutable(), _attestations.ToImmutable());
        _headers = ImmutableArray.CreateBuilder<SignedBeaconBlockHeader>();
        _attestations = ImmutableArray.CreateBuilder<Attestation>();
        publish(seen);
    }

    /// <summary><c>validator_slashed</c> for each slashing block <paramref name="b"/> applied (§5.4 step 4).</summary>
    public void SlashingsApplied(BeaconBlock b, BlockApplied applied)
    {
        foreach (var s in applied.Slashings)
        {
            var v = applied.PostState.Validators[s.ValidatorIndex];
            node.Emit("validator_slashed", "index", s.ValidatorIndex, "name", Name(s.ValidatorIndex),
                "kind", SlashingRules.KindName(s.Kind), "penalty", s.Penalty, "penaltyCoins", Units.FormatCoins(s.Penalty),
                "whistleblower", s.WhistleblowerIndex, "whistleblowerName", Name(s.WhistleblowerIndex),
                "whistleblowerReward", s.WhistleblowerReward, "proposerReward", s.ProposerReward,
                "includedAtSlot", b.Slot, "block", b.Root.ToString(), "exitEpoch", v.ExitEpoch,
                "withdrawableEpoch", v.WithdrawableEpoch);
        }
    }

    /// <summary><c>correlation_penalty</c> and <c>validator_exited</c> for a canonical epoch transition (§5.5 steps 4–5).</summary>
    public void TransitionRecorded(EpochTransition t)
    {
        foreach (var p in t.CorrelationPenalties)
        {
            node.Emit("correlation_penalty", "index", p.ValidatorIndex, "name", Name(p.ValidatorIndex),
                "amount", p.Penalty, "amountCoins", Units.FormatCoins(p.Penalty), "epoch", t.Epoch);
        }

        foreach (var e in t.Exits)
        {
            node.Emit("validator_exited", "index", e.ValidatorIndex, "name", Name(e.ValidatorIndex),
                "exitEpoch", t.Epoch + 1, "withdrawableEpoch", e.WithdrawableEpoch, "slashed", e.Slashed);
        }
    }

    private string Name(int index) => node.Settings.ValidatorName((ulong)index);
}
