using System.Security.Cryptography;

namespace ActorChain.Core.Codec;

/// <summary>SHA-256, <c>H(x)</c> of CONSENSUS.md §0 (the BCL's <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>).</summary>
public static class Sha256
{
    private const int SmallInput = 256; // concatenated on the stack below this; streamed above

    /// <summary>H(data).</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        var o = new byte[Hash32.Width];
        SHA256.HashData(data, o);
        return Hash32.Own(o);
    }

    /// <summary>H(a ‖ b).</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length + b.Length <= SmallInput)
        {
            Span<byte> buf = stackalloc byte[a.Length + b.Length];
            a.CopyTo(buf);
            b.CopyTo(buf[a.Length..]);
            return Hash(buf);
        }

        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(a);
        h.AppendData(b);
        return Finish(h);
    }

    /// <summary>H(a ‖ b ‖ c).</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        if (a.Length + b.Length + c.Length <= SmallInput)
        {
            Span<byte> buf = stackalloc byte[a.Length + b.Length + c.Length];
            a.CopyTo(buf);
            b.CopyTo(buf[a.Length..]);
            c.CopyTo(buf[(a.Length + b.Length)..]);
            return Hash(buf);
        }

        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(a);
        h.AppendData(b);
        h.AppendData(c);
        return Finish(h);
    }

    /// <summary>H(H(data)), the proof-of-work hash (CONSENSUS.md §3).</summary>
    public static Hash32 HashTwice(ReadOnlySpan<byte> data)
    {
        Span<byte> once = stackalloc byte[Hash32.Width];
        SHA256.HashData(data, once);
        return Hash(once);
    }

    /// <summary>Writes H(data) into <paramref name="destination"/> (32 bytes), allocating nothing.</summary>
    public static void HashInto(ReadOnlySpan<byte> data, Span<byte> destination) => SHA256.HashData(data, destination);

    private static Hash32 Finish(IncrementalHash h)
    {
        var o = new byte[Hash32.Width];
        h.GetHashAndReset(o);
        return Hash32.Own(o);
    }
}
