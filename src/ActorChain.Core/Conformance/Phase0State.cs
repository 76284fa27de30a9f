using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Conformance;

/// <summary>
/// The fields of an SSZ phase0 <c>BeaconState</c> that epoch processing reads or writes (CONSENSUS.md §8). The rest
/// (fork, latest block header, state roots, historical roots, eth1 data and votes, deposit index) is bounds-checked
/// and skipped.
/// </summary>
/// <param name="JustificationBits">The <c>Bitvector[4]</c>: bit i set means "epoch current − i justified".</param>
public sealed record Phase0State(
    ulong GenesisTime,
    Hash32 GenesisValidatorsRoot,
    ulong Slot,
    ImmutableArray<Hash32> BlockRoots,
    ImmutableArray<Phase0Validator> Validators,
    ImmutableArray<ulong> Balances,
    ImmutableArray<Hash32> RandaoMixes,
    ImmutableArray<ulong> Slashings,
    ImmutableArray<PendingAttestation> PreviousEpochAttestations,
    ImmutableArray<PendingAttestation> CurrentEpochAttestations,
    byte JustificationBits,
    Checkpoint PreviousJustifiedCheckpoint,
    Checkpoint CurrentJustifiedCheckpoint,
    Checkpoint FinalizedCheckpoint)
{
    private const int ForkSize = 4 + 4 + 8;
    private const int BeaconBlockHeaderSize = 8 + 8 + 32 + 32 + 32;
    private const int Eth1DataSize = 32 + 8 + 32;

    /// <summary>The current epoch: <c>slot // SLOTS_PER_EPOCH</c>.</summary>
    public ulong CurrentEpoch(ulong slotsPerEpoch) => Slot / slotsPerEpoch;

    /// <summary>
    /// Decodes one uncompressed SSZ phase0 <c>BeaconState</c> whose vector lengths and list limits are
    /// <paramref name="preset"/>'s. Any truncation, bad offset, over-long list or trailing byte gives null and an
    /// error naming the field.
    /// </summary>
    public static Phase0State? Decode(byte[] ssz, Phase0Preset preset, out string? error)
    {
        try
        {
            var state = Read(ssz, preset);
            error = Check(state);
            return error is null ? state : null;
        }
        catch (Exception e) when (e is MalformedEncodingException or KeyNotFoundException or OverflowException)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Equal when every field, the vectors included, is equal.</summary>
    public bool Equals(Phase0State? other) =>
        other is not null && GenesisTime == other.GenesisTime && Slot == other.Slot
        && JustificationBits == other.JustificationBits && GenesisValidatorsRoot == other.GenesisValidatorsRoot
        && BlockRoots.SequenceEqual(other.BlockRoots) && Validators.SequenceEqual(other.Validators)
        && Balances.SequenceEqual(other.Balances) && RandaoMixes.SequenceEqual(other.RandaoMixes)
        && Slashings.SequenceEqual(other.Slashings)
        && PreviousEpochAttestations.SequenceEqual(other.PreviousEpochAttestations)
        && CurrentEpochAttestations.SequenceEqual(other.CurrentEpochAttestations)
        && PreviousJustifiedCheckpoint == other.PreviousJustifiedCheckpoint
        && CurrentJustifiedCheckpoint == other.CurrentJustifiedCheckpoint
        && FinalizedCheckpoint == other.FinalizedCheckpoint;

    /// <summary>A hash of the slot, the genesis root, the registry size and the finalized checkpoint.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(Slot, GenesisValidatorsRoot, Validators.Length, Balances.Length, FinalizedCheckpoint);

    private static string? Check(Phase0State s)
    {
        if (s.Balances.Length != s.Validators.Length)
        {
            return $"BeaconState: {s.Validators.Length} validators but {s.Balances.Length} balances";
        }

        return (s.JustificationBits & ~0b1111) != 0
            ? $"BeaconState.justification_bits: a Bitvector[4] uses 4 bits, got {s.JustificationBits}"
            : null;
    }

    private static Phase0State Read(byte[] ssz, Phase0Preset preset)
    {
        var r = SszReader.Of(ssz, "BeaconState");
        var genesisTime = r.U64("genesis_time");
        var genesisValidatorsRoot = Hash32.Wrap(r.Bytes(32, "genesis_validators_root"));
        var slot = r.U64("slot");
        r.Skip(ForkSize, "fork");
        r.Skip(BeaconBlockHeaderSize, "latest_block_header");
        var blockRoots = Roots(r.Bytes32Vector(preset.SlotsPerHistoricalRoot, "block_roots"));
        r.Skip(checked(preset.SlotsPerHistoricalRoot * 32), "state_roots");
        var historicalRoots = r.Offset("historical_roots");
        r.Skip(Eth1DataSize, "eth1_data");
        var eth1DataVotes = r.Offset("eth1_data_votes");
        r.U64("eth1_deposit_index");
        var validators = r.Offset("validators");
        var balances = r.Offset("balances");
        var randaoMixes = Roots(r.Bytes32Vector(preset.EpochsPerHistoricalVector, "randao_mixes"));
        var slashings = r.U64Vector(preset.EpochsPerSlashingsVector, "slashings");
        var previousAttestations = r.Offset("previous_epoch_attestations");
        var currentAttestations = r.Offset("current_epoch_attestations");
        var justificationBits = r.U8("justification_bits");
        var previousJustified = PendingAttestation.ReadCheckpoint(r, "previous_justified_checkpoint");
        var currentJustified = PendingAttestation.ReadCheckpoint(r, "current_justified_checkpoint");
        var finalized = PendingAttestation.ReadCheckpoint(r, "finalized_checkpoint");
        r.ExpectEndOfFixedPart();

        r.Part(historicalRoots).FixedList(32, preset.Get("HISTORICAL_ROOTS_LIMIT"), x => Skipped(x, 32, "root"));
        r.Part(eth1DataVotes).FixedList(Eth1DataSize, preset.Eth1DataVotesLimit, x => Skipped(x, Eth1DataSize, "eth1_data"));
        var registryLimit = preset.Get("VALIDATOR_REGISTRY_LIMIT");
        var committeeLimit = preset.Get("MAX_VALIDATORS_PER_COMMITTEE");
        var attestationsLimit = preset.PendingAttestationsLimit;
        return new Phase0State(
            genesisTime,
            genesisValidatorsRoot,
            slot,
            blockRoots,
            r.Part(validators).FixedList(Phase0Validator.SszSize, registryLimit, Phase0Validator.Read),
            r.Part(balances).U64List(registryLimit),
            randaoMixes,
            slashings,
            r.Part(previousAttestations).VariableList(attestationsLimit, a => PendingAttestation.Read(a, committeeLimit)),
            r.Part(currentAttestations).VariableList(attestationsLimit, a => PendingAttestation.Read(a, committeeLimit)),
            justificationBits,
            previousJustified,
            currentJustified,
            finalized);
    }

    private static int Skipped(SszReader r, int n, string field)
    {
        r.Skip(n, field);
        return n;
    }

    private static ImmutableArray<Hash32> Roots(ImmutableArray<byte[]> raw) => [.. raw.Select(Hash32.Wrap)];
}
