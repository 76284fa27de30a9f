using System.Diagnostics.CodeAnalysis;

namespace ActorChain.Core.Codec;

/// <summary>
/// Entry points of the canonical encoding (CONSENSUS.md §0): <c>canonical(x)</c>, <c>root(x) = H(canonical(x))</c>
/// and the strict decoder.
/// <para>
/// Decoding convention for every record: a record has <c>public static T Read(CanonicalReader r)</c>, which reads its
/// fields in order and throws <see cref="MalformedEncodingException"/> (<see cref="CanonicalReader.Reject"/>) when the
/// bytes break a rule; its public decoder is <c>Canonical.TryDecode(bytes, T.Read, out var value, out var reason)</c>,
/// which requires the value to span all the bytes and never throws: a rejection is <c>false</c> with a reason.
/// </para>
/// </summary>
public static class Canonical
{
    /// <summary>The canonical bytes of <paramref name="value"/>.</summary>
    public static byte[] Encode<T>(T value) where T : ICanonical
    {
        var w = new CanonicalWriter();
        value.WriteTo(w);
        return w.ToArray();
    }

    /// <summary>The largest buffer a thread keeps between two roots.</summary>
    private const int MaxKeptWriter = 1 << 20;

    // One writer per thread, reused from root to root: a root would otherwise allocate a buffer and grow it by doubling.
    // Taken (null) while in use, so a root computed inside WriteTo gets its own.
    [ThreadStatic]
    private static CanonicalWriter? t_rootWriter;

    /// <summary><c>root(x) = H(canonical(x))</c>.</summary>
    public static Hash32 Root<T>(T value) where T : ICanonical
    {
        var w = t_rootWriter ?? new CanonicalWriter(256);
        t_rootWriter = null;
        w.Reset();
        value.WriteTo(w);
        var root = w.Hash();
        if (w.Capacity <= MaxKeptWriter) t_rootWriter = w;
        return root;
    }

    /// <summary>
    /// Reads one value with <paramref name="read"/> that must span all of <paramref name="bytes"/> (no truncation, no
    /// trailing bytes). Returns false with a reason for any malformed input; never throws for bad bytes.
    /// <see cref="MalformedEncodingException"/>, and the <see cref="ArgumentException"/> or
    /// <see cref="OverflowException"/> a record's constructor may raise on the values read, become the reason.
    /// </summary>
    public static bool TryDecode<T>(
        ReadOnlyMemory<byte> bytes,
        DecodeFn<T> read,
        [MaybeNullWhen(false)] out T value,
        [NotNullWhen(false)] out string? reason)
    {
        try
        {
            var r = new CanonicalReader(bytes);
            value = read(r);
            r.ExpectEnd();
            reason = null;
            return true;
        }
        catch (Exception e) when (e is MalformedEncodingException or ArgumentException or OverflowException)
        {
            value = default;
            reason = e.Message;
            return false;
        }
    }

    /// <summary>The decoded value, or null with <paramref name="reason"/> (for reference-type records).</summary>
    public static T? Decode<T>(ReadOnlyMemory<byte> bytes, DecodeFn<T> read, out string? reason) where T : class =>
        TryDecode(bytes, read, out var value, out reason) ? value : null;
}
