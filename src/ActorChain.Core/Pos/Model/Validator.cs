using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// A registry entry (CONSENSUS.md §5.3); canonical form [73]. FAR_FUTURE_EPOCH is 2^64 − 1
/// (<see cref="ConsensusConfig.FarFutureEpoch"/>). Change fields with <c>with</c>.
/// </summary>
public sealed record Validator(
    PubKey Pubkey,
    ulong EffectiveBalance,
    bool Slashed,
    ulong ActivationEligibilityEpoch,
    ulong ActivationEpoch,
    ulong ExitEpoch,
    ulong WithdrawableEpoch) : ICanonical
{
    /// <summary>The encoded size in bytes.</summary>
    public const int EncodedSize = 73;

    /// <summary><c>activationEpoch ≤ epoch &lt; exitEpoch</c>.</summary>
    public bool IsActive(ulong epoch) => ActivationEpoch <= epoch && epoch < ExitEpoch;

    /// <summary>Not slashed, and <c>activationEpoch ≤ epoch &lt; withdrawableEpoch</c>.</summary>
    public bool IsSlashable(ulong epoch) => !Slashed && ActivationEpoch <= epoch && epoch < WithdrawableEpoch;

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <summary>H(canonical).</summary>
    public Hash32 HashRoot() => Canonical.Root(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        Pubkey.WriteTo(w);
        w.U64Le(EffectiveBalance).Bool(Slashed).U64Le(ActivationEligibilityEpoch).U64Le(ActivationEpoch)
            .U64Le(ExitEpoch).U64Le(WithdrawableEpoch);
    }

    /// <summary>Reads the fields in order; a bool other than 0 or 1 is rejected.</summary>
    public static Validator Read(CanonicalReader r) =>
        new(PubKey.Read(r), r.U64Le(), r.Bool(), r.U64Le(), r.U64Le(), r.U64Le(), r.U64Le());

    /// <summary>Strict decode: null with a reason on truncation, trailing bytes or a bad bool.</summary>
    public static Validator? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);
}
