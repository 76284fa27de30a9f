using System.Buffers.Binary;
using System.Collections.Immutable;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Reads one SSZ container (Ethereum's SimpleSerialize) from a window of a byte array: little-endian fixed-size
/// fields first, each variable-size field as a 4-byte offset into the container, the variable parts after the fixed
/// part in field order. Every read is bounds-checked; a bad length or offset throws <see cref="MalformedEncodingException"/>
/// naming the container, the field and the byte position (<see cref="Phase0State.Decode"/> turns it into an error).
/// </summary>
/// <remarks>
/// Read the fixed part field by field (a variable field with <see cref="Offset"/>), then <see cref="Part"/> each
/// variable field and <see cref="ExpectEndOfFixedPart"/> once. Not thread-safe.
/// </remarks>
internal sealed class SszReader
{
    /// <summary>The width of an SSZ offset.</summary>
    public const int OffsetSize = 4;

    private readonly byte[] _data;
    private readonly int _start;
    private readonly int _end;
    private readonly string _what;
    private readonly List<uint> _offsets = [];
    private readonly List<string> _offsetNames = [];
    private int _cursor;
    private bool _offsetsChecked;

    private SszReader(byte[] data, int start, int end, string what)
    {
        _data = data;
        _start = start;
        _end = end;
        _what = what;
        _cursor = start;
    }

    /// <summary>A reader over all of <paramref name="data"/>, which holds one <paramref name="what"/>.</summary>
    public static SszReader Of(byte[] data, string what) => new(data, 0, data.Length, what);

    /// <summary>The container's size in bytes.</summary>
    public int Size => _end - _start;

    /// <summary>Bytes not yet read by the cursor.</summary>
    public int Remaining => _end - _cursor;

    /// <summary>One byte.</summary>
    public byte U8(string field) => _data[Take(1, field)];

    /// <summary>A <c>boolean</c>: exactly 0 or 1.</summary>
    public bool Bool(string field)
    {
        var v = U8(field);
        return v <= 1 ? v == 1 : throw Fail($"{_what}.{field}: a boolean must be 0 or 1, got {v}");
    }

    /// <summary>A <c>uint64</c>.</summary>
    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(Take(8, field), 8));

    /// <summary><paramref name="n"/> raw bytes, copied.</summary>
    public byte[] Bytes(int n, string field) => _data.AsSpan(Take(n, field), n).ToArray();

    /// <summary>Skips a fixed-size field this decoder does not keep.</summary>
    public void Skip(int n, string field) => Take(n, field);

    /// <summary><c>Vector[Bytes32, n]</c>, each entry copied.</summary>
    public ImmutableArray<byte[]> Bytes32Vector(int n, string field)
    {
        var at = Take(checked(n * 32), field);
        var b = ImmutableArray.CreateBuilder<byte[]>(n);
        for (var i = 0; i < n; i++)
        {
            b.Add(_data.AsSpan(at + (i * 32), 32).ToArray());
        }

        return b.MoveToImmutable();
    }

    /// <summary><c>Vector[uint64, n]</c>.</summary>
    public ImmutableArray<ulong> U64Vector(int n, string field)
    {
        var at = Take(checked(n * 8), field);
        var b = ImmutableArray.CreateBuilder<ulong>(n);
        for (var i = 0; i < n; i++)
        {
            b.Add(BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(at + (i * 8), 8)));
        }

        return b.MoveToImmutable();
    }

    /// <summary>A fixed-size sub-container of <paramref name="n"/> bytes, read by its own reader.</summary>
    public SszReader Container(int n, string field)
    {
        var at = Take(n, field);
        return new SszReader(_data, at, at + n, $"{_what}.{field}");
    }

    /// <summary>Reads the 4-byte offset of a variable-size field; returns the handle <see cref="Part"/> takes.</summary>
    public int Offset(string field)
    {
        var at = Take(OffsetSize, field + " (offset)");
        _offsets.Add(BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(at, 4)));
        _offsetNames.Add(field);
        return _offsets.Count - 1;
    }

    /// <summary>
    /// Checks that the fixed part was read exactly: the first offset points just past it, the offsets do not
    /// decrease and stay inside the container. A container without variable fields must have been read to its end.
    /// </summary>
    public void ExpectEndOfFixedPart()
    {
        if (_offsets.Count == 0)
        {
            if (_cursor != _end)
            {
                throw Fail($"{_what}: {_end - _cursor} trailing bytes after the last field");
            }
        }
        else
        {
            CheckOffsets(_cursor - _start);
        }
    }

    /// <summary>The variable part of the field with this handle, from its offset to the next one (or the end).</summary>
    public SszReader Part(int handle)
    {
        CheckOffsets(_cursor - _start);
        var from = (int)_offsets[handle];
        var to = handle + 1 < _offsets.Count ? (int)_offsets[handle + 1] : Size;
        return new SszReader(_data, _start + from, _start + to, $"{_what}.{_offsetNames[handle]}");
    }

    /// <summary>This window as <c>List[uint64, limit]</c>.</summary>
    public ImmutableArray<ulong> U64List(ulong limit) => U64Vector(FixedCount(8, limit), "list");

    /// <summary>This window as a list of fixed-size elements of <paramref name="elementSize"/> bytes, at most <paramref name="limit"/>.</summary>
    public ImmutableArray<T> FixedList<T>(int elementSize, ulong limit, Func<SszReader, T> element)
    {
        var n = FixedCount(elementSize, limit);
        var b = ImmutableArray.CreateBuilder<T>(n);
        for (var i = 0; i < n; i++)
        {
            var r = Container(elementSize, $"[{i}]");
            var value = element(r);
            r.ExpectEndOfFixedPart();
            b.Add(value);
        }

        return b.MoveToImmutable();
    }

    /// <summary>This window as a list of variable-size elements: a table of 4-byte offsets, then the elements.</summary>
    public ImmutableArray<T> VariableList<T>(ulong limit, Func<SszReader, T> element)
    {
        if (Size == 0)
        {
            return [];
        }

        if (Size < OffsetSize)
        {
            throw Fail($"{_what}: {Size} bytes cannot hold an offset table");
        }

        var first = U32At(_start);
        if (first == 0 || first % OffsetSize != 0 || first > (uint)Size)
        {
            throw Fail($"{_what}: the first element offset {first} is not a multiple of 4 inside the {Size}-byte list");
        }

        var n = (int)(first / OffsetSize);
        if ((ulong)n > limit)
        {
            throw Fail($"{_what}: {n} elements exceed the limit {limit}");
        }

        var b = ImmutableArray.CreateBuilder<T>(n);
        for (var i = 0; i < n; i++)
        {
            var from = U32At(_start + (i * OffsetSize));
            var to = i + 1 < n ? U32At(_start + ((i + 1) * OffsetSize)) : (uint)Size;
            if (from > to || to > (uint)Size)
            {
                throw Fail($"{_what}[{i}]: element offsets {from}..{to} are out of order or past the end ({Size} bytes)");
            }

            b.Add(element(new SszReader(_data, _start + (int)from, _start + (int)to, $"{_what}[{i}]")));
        }

        return b.MoveToImmutable();
    }

    /// <summary>
    /// This window as <c>Bitlist[limit]</c>: bit i is bit <c>i % 8</c> of byte <c>i / 8</c>, and the highest set bit
    /// of the last byte is a sentinel marking the length (so the last byte is never 0).
    /// </summary>
    public ImmutableArray<bool> Bitlist(ulong limit)
    {
        if (Size == 0)
        {
            throw Fail($"{_what}: a bitlist needs at least one byte (the sentinel)");
        }

        var last = _data[_end - 1];
        if (last == 0)
        {
            throw Fail($"{_what}: the last byte of a bitlist is 0, so it has no sentinel bit");
        }

        var length = ((Size - 1) * 8) + System.Numerics.BitOperations.Log2(last);
        if ((ulong)length > limit)
        {
            throw Fail($"{_what}: {length} bits exceed the limit {limit}");
        }

        var bits = ImmutableArray.CreateBuilder<bool>(length);
        for (var i = 0; i < length; i++)
        {
            bits.Add(((_data[_start + (i / 8)] >> (i % 8)) & 1) == 1);
        }

        return bits.MoveToImmutable();
    }

    private int Take(int n, string field)
    {
        if (n < 0 || n > _end - _cursor)
        {
            throw Fail($"{_what}.{field}: needs {n} bytes at position {_cursor - _start}, but the {_what} has {Size} bytes");
        }

        var at = _cursor;
        _cursor += n;
        return at;
    }

    private void CheckOffsets(int fixedSize)
    {
        if (_offsetsChecked)
        {
            return;
        }

        if (_offsets[0] != (uint)fixedSize)
        {
            throw Fail($"{_what}.{_offsetNames[0]}: the first offset is {_offsets[0]}, but the fixed part has {fixedSize} bytes");
        }

        for (var i = 0; i < _offsets.Count; i++)
        {
            var o = _offsets[i];
            var next = i + 1 < _offsets.Count ? _offsets[i + 1] : (uint)Size;
            if (o > (uint)Size || o > next)
            {
                throw Fail($"{_what}.{_offsetNames[i]}: offset {o} is out of order or past the end (next {next}, size {Size})");
            }
        }

        _offsetsChecked = true;
    }

    private int FixedCount(int elementSize, ulong limit)
    {
        if (Size % elementSize != 0)
        {
            throw Fail($"{_what}: {Size} bytes is not a whole number of {elementSize}-byte elements");
        }

        var n = Size / elementSize;
        return (ulong)n <= limit ? n : throw Fail($"{_what}: {n} elements exceed the limit {limit}");
    }

    private uint U32At(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(at, 4));

    private static MalformedEncodingException Fail(string message) => new(message);
}
