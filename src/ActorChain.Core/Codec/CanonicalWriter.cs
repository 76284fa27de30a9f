using System.Collections.Immutable;
using System.Text;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Codec;

/// <summary>
/// Writes the canonical byte form (CONSENSUS.md §0, golden README "Canonical encoding"): fixed-width little-endian
/// integers, u32le-length-prefixed byte strings and lists, fields in declaration order. Not thread-safe.
/// </summary>
public sealed class CanonicalWriter
{
    private byte[] _buf;
    private int _len;

    /// <summary>A writer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public CanonicalWriter(int capacity = 128) => _buf = new byte[Math.Max(16, capacity)];

    /// <summary>The size of the buffer: how much can be written before it grows.</summary>
    public int Capacity => _buf.Length;

    /// <summary>Bytes written so far.</summary>
    public int Length => _len;

    /// <summary>The bytes written so far, without copying (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buf.AsSpan(0, _len);

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => _buf.AsSpan(0, _len).ToArray();

    /// <summary>H(bytes written).</summary>
    public Hash32 Hash() => Sha256.Hash(WrittenSpan);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _len = 0;

    /// <summary>One byte.</summary>
    public CanonicalWriter U8(byte v)
    {
        Ensure(1);
        _buf[_len++] = v;
        return this;
    }

    /// <summary>One byte, 0 or 1.</summary>
    public CanonicalWriter Bool(bool v) => U8(v ? (byte)1 : (byte)0);

    /// <summary>Four bytes, little-endian.</summary>
    public CanonicalWriter U32Le(uint v)
    {
        Ensure(4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_buf.AsSpan(_len), v);
        _len += 4;
        return this;
    }

    /// <summary>Eight bytes, little-endian.</summary>
    public CanonicalWriter U64Le(ulong v)
    {
        Ensure(8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_buf.AsSpan(_len), v);
        _len += 8;
        return this;
    }

    /// <summary>Raw bytes, no length prefix (<c>bytesN</c>).</summary>
    public CanonicalWriter Fixed(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
        return this;
    }

    /// <summary>A 32-byte hash (<c>bytes32</c>).</summary>
    public CanonicalWriter Fixed(Hash32 h) => Fixed(h.AsSpan());

    /// <summary>A 32-byte public key.</summary>
    public CanonicalWriter Fixed(PubKey k) => Fixed(k.AsSpan());

    /// <summary>A 64-byte signature.</summary>
    public CanonicalWriter Fixed(Signature s) => Fixed(s.AsSpan());

    /// <summary>A 20-byte address.</summary>
    public CanonicalWriter Fixed(Address a) => Fixed(a.AsSpan());

    /// <summary>Variable-length bytes: u32le length, then the bytes.</summary>
    public CanonicalWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        U32Le(checked((uint)bytes.Length));
        return Fixed(bytes);
    }

    /// <summary>A string as its UTF-8 <see cref="Bytes"/>.</summary>
    public CanonicalWriter String(string s) => Bytes(Encoding.UTF8.GetBytes(s));

    /// <summary>A list: u32le count, then each element as <paramref name="write"/> writes it.</summary>
    public CanonicalWriter List<T>(IReadOnlyList<T> items, Action<CanonicalWriter, T> write)
    {
        U32Le(checked((uint)items.Count));
        for (var i = 0; i < items.Count; i++)
        {
            write(this, items[i]);
        }

        return this;
    }

    /// <summary>A list: u32le count, then each element as <paramref name="write"/> writes it.</summary>
    public CanonicalWriter List<T>(ImmutableArray<T> items, Action<CanonicalWriter, T> write)
    {
        U32Le(checked((uint)items.Length));
        foreach (var item in items)
        {
            write(this, item);
        }

        return this;
    }

    /// <summary>A list of canonical values: u32le count, then each element's canonical form.</summary>
    public CanonicalWriter List<T>(IReadOnlyList<T> items) where T : ICanonical
    {
        U32Le(checked((uint)items.Count));
        for (var i = 0; i < items.Count; i++)
        {
            items[i].WriteTo(this);
        }

        return this;
    }

    /// <summary>A list of canonical values: u32le count, then each element's canonical form.</summary>
    public CanonicalWriter List<T>(ImmutableArray<T> items) where T : ICanonical
    {
        U32Le(checked((uint)items.Length));
        foreach (var item in items)
        {
            item.WriteTo(this);
        }

        return this;
    }

    /// <summary>A canonical value inline (no prefix).</summary>
    public CanonicalWriter Value<T>(T value) where T : ICanonical
    {
        value.WriteTo(this);
        return this;
    }

    private void Ensure(int extra)
    {
        if (_len + extra > _buf.Length)
        {
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + extra));
        }
    }
}
