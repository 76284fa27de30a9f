using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary><c>Transfer{fromPubkey, to, amount, maxFee, tip, nonce, sig}</c> (CONSENSUS.md §2); values in gwei.</summary>
public sealed record Transfer(PubKey From, Address To, ulong Amount, ulong MaxFee, ulong Tip, ulong Nonce, Signature Sig)
    : Payment
{
    /// <summary>The encoded size: tag, from, to, four u64, sig.</summary>
    public const int Length = 1 + 32 + 20 + 32 + SignatureWidth;

    /// <inheritdoc />
    public override int EncodedLength => Length;

    /// <summary>A transfer signed by <paramref name="from"/> under domain TX.</summary>
    public static Transfer Sign(SigningKey from, Address to, ulong amount, ulong maxFee, ulong tip, ulong nonce)
    {
        ArgumentNullException.ThrowIfNull(from);
        var unsigned = new Transfer(from.PublicKey, to, amount, maxFee, tip, nonce, Signature.Empty);
        return unsigned with { Sig = SignatureCheck.SignAndRecord(from, unsigned.SigningRoot) };
    }

    /// <inheritdoc />
    public override string Summary() =>
        $"transfer {Units.FormatCoins(Amount)} coins {FromAddress.ShortHex()} -> {To.ShortHex()} nonce {Nonce} maxFee {MaxFee} tip {Tip}";

    private protected override byte Tag => TagTransfer;

    private protected override ReadOnlySpan<byte> Payee => To.AsSpan();
}
