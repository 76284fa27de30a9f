using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ActorChain.Core.Codec;

/// <summary>
/// Helpers shared by the fixed-width byte values (<see cref="Hash32"/>, <c>PubKey</c>, <c>Signature</c>, <c>Address</c>):
/// equal by content, ordered as unsigned big-endian numbers, lowercase hex.
/// </summary>
public static class FixedBytes
{
    /// <summary>A hash code mixing every byte (hashes with leading zero bytes are common: PoW).</summary>
    public static int HashCodeOf(ReadOnlySpan<byte> bytes)
    {
        ulong h = 0;
        while (bytes.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0x9E3779B97F4A7C15UL;
            bytes = bytes[8..];
        }

        foreach (var b in bytes)
        {
            h = (h ^ b) * 0x100000001B3UL;
        }

        return (int)(h ^ (h >> 32));
    }

    /// <summary>Parses hex (lowercase or uppercase, optional <c>0x</c>) of exactly <paramref name="width"/> bytes.</summary>
    public static bool TryParseHex(string? hex, int width, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (hex is null)
        {
            return false;
        }

        var h = hex.StartsWith("0x", StringComparison.Ordinal) ? hex.AsSpan(2) : hex.AsSpan();
        if (h.Length != 2 * width)
        {
            return false;
        }

        var buf = new byte[width];
        if (Convert.FromHexString(h, buf, out _, out var written) != System.Buffers.OperationStatus.Done || written != width)
        {
            return false;
        }

        bytes = buf;
        return true;
    }

    /// <summary>As <see cref="TryParseHex"/>, throwing <see cref="FormatException"/> naming the type and the text.</summary>
    public static byte[] ParseHex(string hex, int width, string typeName) =>
        TryParseHex(hex, width, out var bytes)
            ? bytes
            : throw new FormatException($"{typeName} needs {width} bytes of hex, got '{hex}'");

    /// <summary>A copy of <paramref name="bytes"/>, which must have <paramref name="width"/> bytes.</summary>
    public static byte[] CopyExact(ReadOnlySpan<byte> bytes, int width, string typeName) =>
        bytes.Length == width
            ? bytes.ToArray()
            : throw new ArgumentException($"{typeName} needs {width} bytes, got {bytes.Length}", nameof(bytes));

    /// <summary>The first 4 bytes in hex, for logs and terminal views.</summary>
    public static string ShortHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes[..Math.Min(4, bytes.Length)]);
}
