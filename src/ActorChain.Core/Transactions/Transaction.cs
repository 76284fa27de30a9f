using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// A transaction (CONSENSUS.md §2): a <see cref="Transfer"/>, a <see cref="Deposit"/> or an <see cref="Exit"/>. Its
/// canonical form is a one-byte type tag, then the fields in declaration order, the signature last.
/// </summary>
public abstract record Transaction : ICanonical
{
    /// <summary>The type tag of a <see cref="Transfer"/>.</summary>
    public const byte TagTransfer = 1;

    /// <summary>The type tag of a <see cref="Deposit"/>.</summary>
    public const byte TagDeposit = 2;

    /// <summary>The type tag of an <see cref="Exit"/>.</summary>
    public const byte TagExit = 3;

    /// <summary>The width of the trailing signature.</summary>
    public const int SignatureWidth = 64;

    private readonly CachedRoot _id = new(); // equal to any other, so it never affects record equality

    private protected Transaction()
    {
    }

    /// <summary>The signature, over <see cref="SigningRoot"/> under domain TX.</summary>
    public abstract Signature Sig { get; init; }

    /// <summary>The paying account; null for an <see cref="Exit"/>, which nobody pays for.</summary>
    public abstract Address? Sender { get; }

    /// <summary>The size of the canonical form, signature included.</summary>
    public abstract int EncodedLength { get; }

    /// <summary>The transaction id: <c>root(canonical(tx))</c>, signature included; computed once per instance.</summary>
    public Hash32 Id => _id.Get(this);

    /// <summary>The root the signer signs under domain TX: the root of the canonical form without the signature.</summary>
    public Hash32 SigningRoot
    {
        get
        {
            Span<byte> buf = stackalloc byte[EncodedLength - SignatureWidth];
            WriteUnsigned(buf);
            return Sha256.Hash(buf);
        }
    }

    /// <summary>A one-line description for logs.</summary>
    public abstract string Summary();

    /// <summary>The canonical form (CONSENSUS.md §0).</summary>
    public byte[] Canonical()
    {
        var buf = new byte[EncodedLength];
        Encode(buf);
        return buf;
    }

    /// <summary>Writes the canonical form into the first <see cref="EncodedLength"/> bytes of <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        destination = destination[..EncodedLength];
        WriteUnsigned(destination);
        Sig.AsSpan().CopyTo(destination[^SignatureWidth..]);
    }

    /// <summary>Appends the canonical form to a writer (a transaction inside a block or a list).</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<byte> buf = stackalloc byte[EncodedLength];
        Encode(buf);
        w.Fixed(buf);
    }

    /// <summary>Writes everything but the signature: the first <c>EncodedLength − 64</c> bytes.</summary>
    private protected abstract void WriteUnsigned(Span<byte> destination);

    /// <summary>
    /// Decodes exactly one transaction spanning all of <paramref name="bytes"/>; on malformed bytes (unknown tag,
    /// truncation, trailing bytes) returns false with the reason in <paramref name="error"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Transaction? tx, [NotNullWhen(false)] out string? error)
    {
        tx = null;
        if (bytes.IsEmpty)
        {
            error = "truncated: no transaction type tag";
            return false;
        }

        var expected = LengthOf(bytes[0]);
        if (expected == 0)
        {
            error = $"unknown transaction type tag {bytes[0]}";
            return false;
        }

        if (bytes.Length != expected)
        {
            error = bytes.Length < expected
                ? $"truncated: a transaction with tag {bytes[0]} needs {expected} bytes, got {bytes.Length}"
                : $"{bytes.Length - expected} trailing bytes after a transaction";
            return false;
        }

        tx = Parse(bytes);
        error = null;
        return true;
    }

    /// <summary>Reads one transaction from a stream of canonical values; malformed bytes throw <see cref="MalformedEncodingException"/>.</summary>
    public static Transaction Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var tag = r.U8();
        var length = LengthOf(tag);
        if (length == 0)
        {
            throw new MalformedEncodingException($"unknown transaction type tag {tag}");
        }

        Span<byte> buf = stackalloc byte[length];
        buf[0] = tag;
        r.FixedSpan(length - 1).CopyTo(buf[1..]);
        return Parse(buf);
    }

    /// <summary>The encoded size of a transaction with this tag, or 0 for an unknown tag.</summary>
    private static int LengthOf(byte tag) => tag switch
    {
        TagTransfer => Transfer.Length,
        TagDeposit => Deposit.Length,
        TagExit => Exit.Length,
        _ => 0,
    };

    private static Transaction Parse(ReadOnlySpan<byte> b) => b[0] switch
    {
        TagTransfer => new Transfer(new PubKey(b.Slice(1, 32)), new Address(b.Slice(33, 20)),
            U64(b, 53), U64(b, 61), U64(b, 69), U64(b, 77), new Signature(b.Slice(85, 64))),
        TagDeposit => new Deposit(new PubKey(b.Slice(1, 32)), new PubKey(b.Slice(33, 32)),
            U64(b, 65), U64(b, 73), U64(b, 81), U64(b, 89), new Signature(b.Slice(97, 64))),
        _ => new Exit(U64(b, 1), U64(b, 9), new Signature(b.Slice(17, 64))),
    };

    private static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);
}
