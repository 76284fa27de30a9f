using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Maps a decoded phase0 state onto ActorChain's <see cref="BeaconState"/> (CONSENSUS.md §8, step 2).
/// <list type="bullet">
///   <item>Kept as is: slot, genesis time, validators' balances and epochs, slashed flags, balances, block roots,
///     RANDAO mixes, slashings, justification bits and the three checkpoints.</item>
///   <item><c>genesisRoot</c> is phase0's <c>genesis_validators_root</c>.</item>
///   <item>A validator's 32-byte <see cref="PubKey"/> is <c>H(pubkey48)</c>: unique as the BLS keys are, and never
///     used to verify anything here. Withdrawal credentials are dropped.</item>
///   <item>Neutral values for what phase0 lacks: participation flags all zero (the runner derives target balances
///     from the pending attestations instead), inactivity scores zero, no accounts, base fee zero, and no latest
///     block header (the latest block is the anchor).</item>
/// </list>
/// </summary>
public static class Phase0Mapping
{
    /// <summary>The core state of <paramref name="s"/>, or null and an error when its vector lengths are not <paramref name="config"/>'s.</summary>
    public static BeaconState? ToBeaconState(Phase0State s, ConsensusConfig config, out string? error)
    {
        error = LengthError("block_roots", s.BlockRoots.Length, config.SlotsPerHistoricalRoot)
            ?? LengthError("randao_mixes", s.RandaoMixes.Length, config.EpochsPerHistoricalVector)
            ?? LengthError("slashings", s.Slashings.Length, config.EpochsPerSlashingsVector);
        if (error is not null)
        {
            return null;
        }

        var n = s.Validators.Length;
        return new BeaconState(
            s.Slot,
            s.GenesisTime,
            s.GenesisValidatorsRoot,
            null,
            [.. s.Validators.Select(ToValidator)],
            [.. s.Balances],
            [.. s.RandaoMixes],
            [.. s.BlockRoots],
            [.. s.Slashings],
            new byte[n],
            new byte[n],
            s.JustificationBits,
            s.PreviousJustifiedCheckpoint,
            s.CurrentJustifiedCheckpoint,
            s.FinalizedCheckpoint,
            new ulong[n],
            Accounts.Empty,
            0);
    }

    /// <summary>ActorChain's validator record of a phase0 validator.</summary>
    public static Validator ToValidator(Phase0Validator v) =>
        new(PubKeyOf(v.Pubkey), v.EffectiveBalance, v.Slashed, v.ActivationEligibilityEpoch, v.ActivationEpoch, v.ExitEpoch, v.WithdrawableEpoch);

    /// <summary><c>H(pubkey48)</c>: ActorChain's keys are 32 bytes.</summary>
    public static PubKey PubKeyOf(BlsPubKey key) => new(Sha256.Hash(key.AsSpan()).AsSpan());

    private static string? LengthError(string field, int actual, ulong expected) =>
        (ulong)actual == expected
            ? null
            : $"phase0 {field} has {actual} entries but the config expects {expected}; decode and config must come from the same preset";
}
