using System.Buffers.Binary;

namespace ActorChain.Core.Tests.Conformance;

/// <summary>Builds SSZ containers by hand for tests: fixed fields, then variable parts behind 4-byte offsets.</summary>
internal sealed class SszBuilder
{
    private readonly List<byte> _fixed = [];
    private readonly List<int> _offsetSlots = [];
    private readonly List<byte[]> _parts = [];

    public SszBuilder U8(int v)
    {
        _fixed.Add((byte)v);
        return this;
    }

    public SszBuilder U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        _fixed.AddRange(b.ToArray());
        return this;
    }

    public SszBuilder Bytes(byte[] b)
    {
        _fixed.AddRange(b);
        return this;
    }

    public SszBuilder Filled(int n, int value)
    {
        _fixed.AddRange(Enumerable.Repeat((byte)value, n));
        return this;
    }

    /// <summary>A variable field: its offset now, its bytes after the fixed part.</summary>
    public SszBuilder Variable(byte[] part)
    {
        _offsetSlots.Add(_fixed.Count);
        _fixed.AddRange(new byte[4]);
        _parts.Add(part);
        return this;
    }

    public byte[] Build()
    {
        var head = _fixed.ToArray();
        var offset = head.Length;
        for (var i = 0; i < _parts.Count; i++)
        {
            PutU32(head, _offsetSlots[i], offset);
            offset += _parts[i].Length;
        }

        return [.. head, .. _parts.SelectMany(p => p)];
    }

    /// <summary>A list of variable-size elements: the offset table, then the elements.</summary>
    public static byte[] VariableList(IReadOnlyList<byte[]> elements)
    {
        var table = new byte[4 * elements.Count];
        var offset = table.Length;
        for (var i = 0; i < elements.Count; i++)
        {
            PutU32(table, 4 * i, offset);
            offset += elements[i].Length;
        }

        return [.. table, .. elements.SelectMany(e => e)];
    }

    public static byte[] Concat(IEnumerable<byte[]> elements) => [.. elements.SelectMany(e => e)];

    public static void PutU32(byte[] b, int at, int v) => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at, 4), v);

    public static byte[] FilledBytes(int n, int value) => Enumerable.Repeat((byte)value, n).ToArray();
}
