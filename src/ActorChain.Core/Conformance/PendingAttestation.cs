using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Conformance;

/// <summary>
/// A phase0 <c>PendingAttestation{aggregation_bits: Bitlist, data: AttestationData, inclusion_delay,
/// proposer_index}</c>. Phase0's <c>AttestationData</c> has ActorChain's fields exactly (slot, index,
/// beacon_block_root, source, target), so it is core's record.
/// </summary>
/// <param name="AggregationBits">Bit i is the committee's i-th member.</param>
public sealed record PendingAttestation(
    ImmutableArray<bool> AggregationBits, AttestationData Data, ulong InclusionDelay, ulong ProposerIndex)
{
    /// <summary>The encoded size of an <c>AttestationData</c>.</summary>
    public const int AttestationDataSize = 8 + 8 + 32 + 40 + 40;

    /// <summary>Equal when every field, the bits included, is equal.</summary>
    public bool Equals(PendingAttestation? other) =>
        other is not null && AggregationBits.SequenceEqual(other.AggregationBits) && Data == other.Data
        && InclusionDelay == other.InclusionDelay && ProposerIndex == other.ProposerIndex;

    /// <summary>A hash of the bit count and the data.</summary>
    public override int GetHashCode() => HashCode.Combine(AggregationBits.Length, Data);

    internal static PendingAttestation Read(SszReader r, ulong maxValidatorsPerCommittee)
    {
        var bits = r.Offset("aggregation_bits");
        var data = ReadData(r.Container(AttestationDataSize, "data"));
        var inclusionDelay = r.U64("inclusion_delay");
        var proposerIndex = r.U64("proposer_index");
        r.ExpectEndOfFixedPart();
        return new PendingAttestation(r.Part(bits).Bitlist(maxValidatorsPerCommittee), data, inclusionDelay, proposerIndex);
    }

    internal static Checkpoint ReadCheckpoint(SszReader r, string field)
    {
        var c = r.Container(40, field);
        var cp = new Checkpoint(c.U64("epoch"), Hash32.Wrap(c.Bytes(32, "root")));
        c.ExpectEndOfFixedPart();
        return cp;
    }

    private static AttestationData ReadData(SszReader r)
    {
        var d = new AttestationData(
            r.U64("slot"), r.U64("index"), Hash32.Wrap(r.Bytes(32, "beacon_block_root")), ReadCheckpoint(r, "source"), ReadCheckpoint(r, "target"));
        r.ExpectEndOfFixedPart();
        return d;
    }
}
