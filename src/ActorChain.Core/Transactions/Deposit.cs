using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// <c>Deposit{fromPubkey, validatorPubkey, amount, maxFee, tip, nonce, sig}</c> (CONSENSUS.md §2): locks
/// <see cref="Payment.Amount"/> into the validator registry, topping up the entry with <see cref="ValidatorPubkey"/>
/// or appending a new one.
/// </summary>
public sealed record Deposit(
    PubKey From, PubKey ValidatorPubkey, ulong Amount, ulong MaxFee, ulong Tip, ulong Nonce, Signature Sig) : Payment
{
    /// <summary>The encoded size: tag, from, validator pubkey, four u64, sig.</summary>
    public const int Length = 1 + 32 + 32 + 32 + SignatureWidth;

    /// <inheritdoc />
    public override int EncodedLength => Length;

    /// <summary>A deposit signed by <paramref name="from"/> under domain TX.</summary>
    public static Deposit Sign(SigningKey from, PubKey validatorPubkey, ulong amount, ulong maxFee, ulong tip, ulong nonce)
    {
        ArgumentNullException.ThrowIfNull(from);
        var unsigned = new Deposit(from.PublicKey, validatorPubkey, amount, maxFee, tip, nonce, Signature.Empty);
        return unsigned with { Sig = SignatureCheck.SignAndRecord(from, unsigned.SigningRoot) };
    }

    /// <inheritdoc />
    public override string Summary() =>
        $"deposit {Units.FormatCoins(Amount)} coins {FromAddress.ShortHex()} -> validator {ValidatorPubkey.ShortHex()} nonce {Nonce} maxFee {MaxFee} tip {Tip}";

    private protected override byte Tag => TagDeposit;

    private protected override ReadOnlySpan<byte> Payee => ValidatorPubkey.AsSpan();
}
