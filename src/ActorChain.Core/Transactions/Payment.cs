using System.Buffers.Binary;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// A transaction paid for by an account (a <see cref="Transfer"/> or a <see cref="Deposit"/>): it moves
/// <see cref="Amount"/> and pays fees from <see cref="From"/>'s address, using its account nonce (CONSENSUS.md §2).
/// Its canonical form is <c>tag, from, payee, amount, maxFee, tip, nonce, sig</c>.
/// </summary>
public abstract record Payment : Transaction
{
    private readonly AddressMemo _fromAddress = new(); // equal to any other, so it never affects record equality

    private protected Payment()
    {
    }

    /// <summary>The sender's public key; the account paying is its address.</summary>
    public abstract PubKey From { get; init; }

    /// <summary>The amount moved, in gwei.</summary>
    public abstract ulong Amount { get; init; }

    /// <summary>The most the sender pays in fees, in gwei.</summary>
    public abstract ulong MaxFee { get; init; }

    /// <summary>The most the sender pays the producer on top of the base fee, in gwei.</summary>
    public abstract ulong Tip { get; init; }

    /// <summary>The sender's account nonce this payment uses.</summary>
    public abstract ulong Nonce { get; init; }

    /// <summary>The paying account: the address of <see cref="From"/>, hashed once per instance.</summary>
    public Address FromAddress => _fromAddress.Of(From);

    /// <inheritdoc />
    public override Address? Sender => FromAddress;

    /// <summary>The type tag.</summary>
    private protected abstract byte Tag { get; }

    /// <summary>Where <see cref="Amount"/> goes, as encoded after <see cref="From"/>: an address or a validator key.</summary>
    private protected abstract ReadOnlySpan<byte> Payee { get; }

    private protected sealed override void WriteUnsigned(Span<byte> d)
    {
        d[0] = Tag;
        From.AsSpan().CopyTo(d[1..]);
        var payee = Payee;
        payee.CopyTo(d[33..]);
        var amounts = d[(33 + payee.Length)..];
        BinaryPrimitives.WriteUInt64LittleEndian(amounts, Amount);
        BinaryPrimitives.WriteUInt64LittleEndian(amounts[8..], MaxFee);
        BinaryPrimitives.WriteUInt64LittleEndian(amounts[16..], Tip);
        BinaryPrimitives.WriteUInt64LittleEndian(amounts[24..], Nonce);
    }

    /// <summary>
    /// The address of the last key asked for. Equal to any other, like <see cref="Codec.CachedRoot"/>; a copy made with
    /// <c>with</c> shares it, and a changed <see cref="From"/> misses and is hashed again.
    /// </summary>
    private sealed class AddressMemo : IEquatable<AddressMemo>
    {
        private Entry? _entry;

        public Address Of(PubKey key)
        {
            var e = Volatile.Read(ref _entry);
            if (e is not null && e.Key == key)
            {
                return e.Address;
            }

            var address = key.Address;
            Volatile.Write(ref _entry, new Entry(key, address));
            return address;
        }

        public bool Equals(AddressMemo? other) => other is not null;

        public override bool Equals(object? obj) => obj is AddressMemo;

        public override int GetHashCode() => 0;

        private sealed record Entry(PubKey Key, Address Address);
    }
}
