using Snappier;

namespace ActorChain.Core.Conformance;

/// <summary>
/// Reads a file compressed with Snappy's <em>block</em> format (a varint of the uncompressed length, then the
/// block), as Ethereum's <c>.ssz_snappy</c> vectors are. A missing, unreadable or corrupt file is an error naming it.
/// </summary>
public static class SnappyBlock
{
    /// <summary>No state in the phase0 vectors comes near this; it bounds what a corrupt length header can allocate.</summary>
    public const int MaxUncompressedBytes = 64 << 20;

    /// <summary>The uncompressed bytes of <paramref name="path"/>, or null and a one-line error naming the file.</summary>
    public static byte[]? ReadFile(string path, out string? error)
    {
        byte[] compressed;
        try
        {
            compressed = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot read: {e.Message}";
            return null;
        }

        var data = Decompress(compressed, out error);
        if (data is null)
        {
            error = $"{path}: {error}";
        }

        return data;
    }

    /// <summary>The uncompressed bytes of one Snappy block, or null and an error.</summary>
    public static byte[]? Decompress(ReadOnlySpan<byte> compressed, out string? error)
    {
        try
        {
            var length = Snappy.GetUncompressedLength(compressed);
            if (length is < 0 or > MaxUncompressedBytes)
            {
                error = $"snappy: uncompressed length {length} is out of range";
                return null;
            }

            var output = new byte[length];
            if (!Snappy.TryDecompress(compressed, output, out var written) || written != length)
            {
                error = $"snappy: the block does not decompress to its declared {length} bytes";
                return null;
            }

            error = null;
            return output;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            error = $"snappy: corrupt block ({e.Message})";
            return null;
        }
    }
}
