using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Protection;

/// <summary>
/// One validator's slashing-protection record (CONSENSUS.md §5.7): EIP-3076's minimal form. Each field is
/// <see cref="None"/> (2^64 − 1, "nothing signed yet", comparing below every slot and epoch) until the validator signs
/// its first block or attestation; otherwise below 2^63. Immutable: <see cref="MaySignBlock"/> and
/// <see cref="MaySignAttestation"/> return the record to write durably before signing, or null when signing could be
/// slashable. Canonical form [24]: the three fields as u64le.
/// </summary>
public sealed record SlashingProtectionRecord : ICanonical
{
    /// <summary>"Nothing signed yet": 2^64 − 1 (the Java −1).</summary>
    public const ulong None = ulong.MaxValue;

    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 24;

    private const ulong Limit = 1UL << 63;

    /// <summary>A record; <see cref="ArgumentOutOfRangeException"/> unless each field is <see cref="None"/> or below 2^63.</summary>
    public SlashingProtectionRecord(ulong lastSignedBlockSlot, ulong lastSourceEpoch, ulong lastTargetEpoch)
    {
        LastSignedBlockSlot = Check(lastSignedBlockSlot, nameof(lastSignedBlockSlot));
        LastSourceEpoch = Check(lastSourceEpoch, nameof(lastSourceEpoch));
        LastTargetEpoch = Check(lastTargetEpoch, nameof(lastTargetEpoch));
    }

    /// <summary>The record of a validator that has signed nothing.</summary>
    public static SlashingProtectionRecord Empty { get; } = new(None, None, None);

    /// <summary>The highest block slot signed, or <see cref="None"/>.</summary>
    public ulong LastSignedBlockSlot { get; }

    /// <summary>The highest attestation source epoch signed, or <see cref="None"/>.</summary>
    public ulong LastSourceEpoch { get; }

    /// <summary>The highest attestation target epoch signed, or <see cref="None"/>.</summary>
    public ulong LastTargetEpoch { get; }

    /// <summary>The updated record if a block at <paramref name="slot"/> may be signed (<c>slot &gt; lastSignedBlockSlot</c>), else null.</summary>
    public SlashingProtectionRecord? MaySignBlock(ulong slot) =>
        slot < Limit && Signed(slot) > Signed(LastSignedBlockSlot)
            ? new(slot, LastSourceEpoch, LastTargetEpoch)
            : null;

    /// <summary>
    /// The updated record if an attestation with these epochs may be signed (<c>source ≥ lastSource</c> and
    /// <c>target &gt; lastTarget</c>), else null.
    /// </summary>
    public SlashingProtectionRecord? MaySignAttestation(ulong sourceEpoch, ulong targetEpoch) =>
        sourceEpoch < Limit && targetEpoch < Limit
        && Signed(sourceEpoch) >= Signed(LastSourceEpoch) && Signed(targetEpoch) > Signed(LastTargetEpoch)
            ? new(LastSignedBlockSlot, sourceEpoch, targetEpoch)
            : null;

    /// <summary>
    /// The record a deliberately faulty signer writes after signing an attestation whether or not
    /// <see cref="MaySignAttestation"/> allowed it: the highest source and the highest target signed so far.
    /// </summary>
    public SlashingProtectionRecord RecordVoteAnyway(ulong sourceEpoch, ulong targetEpoch) =>
        new(LastSignedBlockSlot, Max(LastSourceEpoch, sourceEpoch), Max(LastTargetEpoch, targetEpoch));

    /// <summary>
    /// The record a deliberately faulty signer writes after signing a block whether or not
    /// <see cref="MaySignBlock"/> allowed it: the highest slot signed so far.
    /// </summary>
    public SlashingProtectionRecord RecordBlockAnyway(ulong slot) =>
        new(Max(LastSignedBlockSlot, slot), LastSourceEpoch, LastTargetEpoch);

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w) => w.U64Le(LastSignedBlockSlot).U64Le(LastSourceEpoch).U64Le(LastTargetEpoch);

    /// <summary>Reads the fields in order; rejects a field that is neither <see cref="None"/> nor below 2^63.</summary>
    public static SlashingProtectionRecord Read(CanonicalReader r)
    {
        var block = r.U64Le();
        var source = r.U64Le();
        var target = r.U64Le();
        if (!Valid(block) || !Valid(source) || !Valid(target))
        {
            throw CanonicalReader.Reject($"slots and epochs are below 2^63, or 2^64 - 1 for none: {block}, {source}, {target}");
        }

        return new(block, source, target);
    }

    /// <summary>Strict decode: null with a reason on truncation, trailing bytes or a bad field.</summary>
    public static SlashingProtectionRecord? Decode(ReadOnlyMemory<byte> bytes, out string? reason) =>
        Canonical.Decode(bytes, Read, out reason);

    private static bool Valid(ulong v) => v == None || v < Limit;

    private static ulong Check(ulong v, string name) =>
        Valid(v) ? v : throw new ArgumentOutOfRangeException(name, v, "slots and epochs are below 2^63, or None");

    /// <summary>The field as a signed number: <see cref="None"/> is −1.</summary>
    private static long Signed(ulong v) => unchecked((long)v);

    private static ulong Max(ulong recorded, ulong v) => Signed(v) > Signed(recorded) ? v : recorded;
}
