using System.Buffers.Binary;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// <c>Exit{validatorIndex, epoch, sig}</c> (CONSENSUS.md §2), signed by the validator's own key. It pays no fee and
/// uses no account nonce. The PoW ledger has no epochs, so <see cref="Epoch"/> is signed but not checked there.
/// </summary>
public sealed record Exit(ulong ValidatorIndex, ulong Epoch, Signature Sig) : Transaction
{
    /// <summary>The encoded size: tag, two u64, sig.</summary>
    public const int Length = 1 + 16 + SignatureWidth;

    /// <inheritdoc />
    public override int EncodedLength => Length;

    /// <inheritdoc />
    public override Address? Sender => null;

    /// <summary>An exit signed by <paramref name="validatorKey"/> under domain TX.</summary>
    public static Exit Sign(SigningKey validatorKey, ulong validatorIndex, ulong epoch)
    {
        ArgumentNullException.ThrowIfNull(validatorKey);
        var unsigned = new Exit(validatorIndex, epoch, Signature.Empty);
        return unsigned with { Sig = SignatureCheck.SignAndRecord(validatorKey, unsigned.SigningRoot) };
    }

    /// <inheritdoc />
    public override string Summary() => $"exit of validator {ValidatorIndex} at epoch {Epoch}";

    private protected override void WriteUnsigned(Span<byte> d)
    {
        d[0] = TagExit;
        BinaryPrimitives.WriteUInt64LittleEndian(d[1..], ValidatorIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(d[9..], Epoch);
    }
}
