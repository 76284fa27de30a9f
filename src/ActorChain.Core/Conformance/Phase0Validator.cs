using ActorChain.Core.Codec;

namespace ActorChain.Core.Conformance;

/// <summary>A phase0 <c>Validator</c> (121 bytes in SSZ). Epochs are unsigned; FAR_FUTURE_EPOCH is 2^64 − 1.</summary>
public sealed record Phase0Validator(
    BlsPubKey Pubkey,
    Hash32 WithdrawalCredentials,
    ulong EffectiveBalance,
    bool Slashed,
    ulong ActivationEligibilityEpoch,
    ulong ActivationEpoch,
    ulong ExitEpoch,
    ulong WithdrawableEpoch)
{
    /// <summary>The encoded size: pubkey 48, credentials 32, balance 8, slashed 1, four epochs.</summary>
    public const int SszSize = BlsPubKey.Width + 32 + 8 + 1 + (4 * 8);

    internal static Phase0Validator Read(SszReader r) => new(
        BlsPubKey.Wrap(r.Bytes(BlsPubKey.Width, "pubkey")),
        Hash32.Wrap(r.Bytes(32, "withdrawal_credentials")),
        r.U64("effective_balance"),
        r.Bool("slashed"),
        r.U64("activation_eligibility_epoch"),
        r.U64("activation_epoch"),
        r.U64("exit_epoch"),
        r.U64("withdrawable_epoch"));
}
