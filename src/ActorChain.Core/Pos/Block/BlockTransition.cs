using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>
/// The steps of CONSENSUS.md §5.4 on one working state, shared by <see cref="BlockProcessing"/> (stop at the first
/// rejection) and <see cref="BlockProduction"/> (skip rejected candidates). Every operation step validates fully
/// before it changes the state, so a rejected operation leaves the state as it was. Mutable; used inside one call.
/// </summary>
internal sealed class BlockTransition
{
    /// <summary><c>(WEIGHT_DENOMINATOR − PROPOSER_WEIGHT) × WEIGHT_DENOMINATOR // PROPOSER_WEIGHT</c> = 448.</summary>
    public const ulong ProposerRewardDenominator =
        (ConsensusConfig.WeightDenominator - ConsensusConfig.ProposerWeight) * ConsensusConfig.WeightDenominator
        / ConsensusConfig.ProposerWeight;

    private readonly bool _trace;
    private ulong? _baseRewardPerIncrement;
    private TransactionProcessing? _txs;

    /// <summary>Works on <paramref name="state"/> itself: pass a copy.</summary>
    public BlockTransition(BeaconState state, ConsensusConfig config, SignatureCheck sigs, bool trace)
    {
        State = state;
        Config = config;
        Sigs = sigs;
        _trace = trace;
    }

    /// <summary>The working state.</summary>
    public BeaconState State { get; }

    /// <summary>The constants.</summary>
    public ConsensusConfig Config { get; }

    /// <summary>The signature checker.</summary>
    public SignatureCheck Sigs { get; }

    /// <summary>The epoch transitions crossed by <see cref="Advance"/>.</summary>
    public List<EpochTransition> Transitions { get; } = [];

    /// <summary>The slashings applied so far.</summary>
    public List<SlashingApplied> Slashings { get; } = [];

    /// <summary>The proposer, once <see cref="ProcessBlockHeader"/> accepted the header; −1 before.</summary>
    public int Proposer { get; private set; } = -1;

    /// <summary>
    /// Step 1: the block's slot is after the latest block's (the anchor counts as slot 0) and not before the state's;
    /// then the state goes through the empty slots up to it.
    /// </summary>
    public BlockRejection? Advance(ulong slot)
    {
        var latestSlot = State.LatestBlockHeader?.Slot ?? 0;
        if (slot <= latestSlot || slot < State.Slot)
        {
            return Reject(BlockInvalidReason.SlotNotAfterParent,
                $"slot {slot}, parent block slot {latestSlot}, parent state slot {State.Slot}");
        }

        if (slot > State.Slot)
        {
            Transitions.AddRange(SlotProcessing.ProcessSlots(State, slot, Config, _trace));
        }

        return null;
    }

    /// <summary>The proposer of the state's slot (after <see cref="Advance"/>), or null when the slot has none.</summary>
    public int? ExpectedProposer() => Proposers.BeaconProposerIndex(State, State.Slot, Config);

    /// <summary>
    /// Step 2 without the signature (Ethereum's <c>process_block_header</c>): the proposer is the slot's and is not
    /// slashed, the parent root is the latest block's; then the latest block header becomes this one with a zero
    /// state root.
    /// </summary>
    public BlockRejection? ProcessBlockHeader(BeaconBlockHeader h)
    {
        var expected = ExpectedProposer();
        if (expected is not { } proposer || h.ProposerIndex != (ulong)proposer)
        {
            return Reject(BlockInvalidReason.WrongProposer,
                $"proposer {h.ProposerIndex}, slot {h.Slot} belongs to {expected?.ToString() ?? "nobody"}");
        }

        if (State.Validators[proposer].Slashed)
        {
            return Reject(BlockInvalidReason.ProposerSlashed, $"proposer {proposer}");
        }

        if (h.ParentRoot != State.LatestBlockRoot)
        {
            return Reject(BlockInvalidReason.ParentRootMismatch,
                $"parent root {h.ParentRoot}, latest block {State.LatestBlockRoot}");
        }

        Proposer = proposer;
        State.LatestBlockHeader = h with { StateRoot = Hash32.Zero };
        return null;
    }

    /// <summary>Step 3: the reveal verifies; then <c>randaoMixes[epoch % V] = randaoMix(epoch) XOR H(reveal)</c>.</summary>
    public BlockRejection? ProcessRandao(Signature reveal)
    {
        var epoch = Accessors.CurrentEpoch(State, Config);
        var key = State.Validators[Proposer].Pubkey;
        if (!Sigs.Verify(key, Domain.Randao, BlockProduction.RandaoSigningRoot(epoch), reveal))
        {
            return Reject(BlockInvalidReason.BadRandaoReveal, $"epoch {epoch}, proposer {Proposer}");
        }

        var mix = Seeds.RandaoMix(State, epoch, Config).Xor(Sha256.Hash(reveal.AsSpan()));
        State.SetRandaoMixAt(Seeds.MixIndex(epoch, Config), mix);
        return null;
    }

    /// <summary>Step 4, one proposer slashing: valid evidence, then <c>slashValidator(v, whistleblower = proposer)</c>.</summary>
    public SlashingRejection? ProcessProposerSlashing(ProposerSlashing s)
    {
        var invalid = SlashingRules.ValidateProposerSlashing(State, s, Config, Sigs);
        if (invalid is null)
        {
            Slash((int)s.H1.Header.ProposerIndex, SlashingKind.DoubleProposal);
        }

        return invalid;
    }

    /// <summary>Step 4, one attester slashing: valid evidence, then <c>slashValidator(v, whistleblower = proposer)</c>.</summary>
    public SlashingRejection? ProcessAttesterSlashing(AttesterSlashing s)
    {
        var invalid = SlashingRules.ValidateAttesterSlashing(State, s, Config, Sigs);
        if (invalid is null)
        {
            Slash((int)s.A1.ValidatorIndex, SlashingRules.KindOf(s));
        }

        return invalid;
    }

    private void Slash(int index, SlashingKind kind)
    {
        var applied = Mutators.SlashValidator(State, index, Proposer, Proposer, Config);
        Slashings.Add(new SlashingApplied(index, kind, applied.Penalty, Proposer, applied.WhistleblowerReward,
            applied.ProposerReward));
    }

    /// <summary>Step 5, one attestation (Ethereum Altair's <c>process_attestation</c>): valid, then applied.</summary>
    public AttestationRejection? ProcessAttestation(Attestation a)
    {
        var invalid = AttestationRules.ValidateForBlock(State, a, Config, Sigs);
        if (invalid is null)
        {
            ApplyAttestation(a);
        }

        return invalid;
    }

    /// <summary>
    /// The effects of step 5 for an attestation <see cref="AttestationRules.ValidateForBlock"/> accepted on this state:
    /// its new flags are set in the participation of the target's epoch, and the proposer is paid
    /// <c>Σ baseReward(v) × weight // 448</c> over them, floored per attestation as Ethereum does.
    /// </summary>
    public void ApplyAttestation(Attestation a)
    {
        var v = (int)a.ValidatorIndex;
        var newFlags = NewFlags(a);
        if (IsCurrentTarget(a))
        {
            State.SetCurrentEpochParticipation(v, (byte)(State.CurrentEpochParticipation[v] | newFlags));
        }
        else
        {
            State.SetPreviousEpochParticipation(v, (byte)(State.PreviousEpochParticipation[v] | newFlags));
        }

        State.IncreaseBalance(Proposer, (ulong)(ProposerRewardNumerator(v, newFlags) / ProposerRewardDenominator));
    }

    /// <summary>
    /// The flags <paramref name="a"/> would set now: those it earns at this slot minus those already set. The
    /// attestation must have a current or previous target epoch and be inside its inclusion window.
    /// </summary>
    public byte NewFlags(Attestation a)
    {
        var v = (int)a.ValidatorIndex;
        var earned = AttestationRules.ParticipationFlags(State, a.Data, State.Slot, Config);
        var flags = IsCurrentTarget(a) ? State.CurrentEpochParticipation[v] : State.PreviousEpochParticipation[v];
        return (byte)(earned & ~flags);
    }

    /// <summary><c>Σ baseReward(v) × weight</c> over <paramref name="flags"/>.</summary>
    public UInt128 ProposerRewardNumerator(int v, byte flags)
    {
        _baseRewardPerIncrement ??= Accessors.BaseRewardPerIncrement(Accessors.TotalActiveBalance(State, Config), Config);
        var baseReward = Accessors.BaseReward(State, v, _baseRewardPerIncrement.Value, Config);
        UInt128 numerator = 0;
        for (var f = 0; f < ConsensusConfig.ParticipationFlagWeights.Length; f++)
        {
            if (Accessors.HasFlag(flags, f))
            {
                numerator += (UInt128)baseReward * ConsensusConfig.ParticipationFlagWeights[f];
            }
        }

        return numerator;
    }

    /// <summary>Step 6, one transaction: valid against the state so far, then applied. Returns why it is invalid.</summary>
    public TxRejection? ProcessTransaction(Transaction tx)
    {
        _txs ??= new TransactionProcessing(State, Config, Sigs, State.Validators[Proposer].Pubkey.Address);
        try
        {
            return _txs.Apply(tx);
        }
        catch (OverflowException e)
        {
            // The checks bound every sum below 2^63; an overflow here would be a bug, reported as the block's fault
            // rather than thrown out of block processing.
            return new TxRejection(TxInvalidReason.BalanceOverflow, e.Message);
        }
    }

    /// <summary>
    /// The end of steps 6 and 7: tips go to the proposer's account, the accounts and the next base fee are stored, and
    /// PROPOSER_BLOCK_REWARD is paid to the proposer's balance.
    /// </summary>
    public void Finish()
    {
        var count = 0;
        if (_txs is not null)
        {
            count = _txs.Count;
            State.Accounts = _txs.Finish();
        }

        State.BaseFee = Fees.NextBaseFee(State.BaseFee, count);
        if (Config.ProposerBlockReward > 0)
        {
            State.IncreaseBalance(Proposer, Config.ProposerBlockReward);
        }
    }

    private bool IsCurrentTarget(Attestation a) => a.Data.Target.Epoch == Accessors.CurrentEpoch(State, Config);

    private static BlockRejection Reject(BlockInvalidReason reason, string detail) => new(reason, detail);
}
