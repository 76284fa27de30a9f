using System.Buffers.Binary;

namespace ActorChain.Node.Storage;

/// <summary>
/// A node's running totals (blocks imported, reorgs, rejected blocks, malformed messages...) kept in its chain store's
/// metadata, one key <c>counter.NAME</c> (i64 big-endian) each, so that a restarted node reports the same totals as
/// before the crash. Written on every change without waiting for the disk (<see cref="IChainStore.PutMetaUnsynced"/>:
/// it survives <c>kill -9</c>; a power loss may lose the last few counts). Blocks a restarted node re-imports from its
/// store are not announced, so they are not counted again. A null store (tests without stores) keeps nothing.
/// </summary>
public static class NodeCounters
{
    /// <summary>The metadata key prefix.</summary>
    public const string Prefix = "counter.";

    /// <summary>The total saved under <paramref name="name"/>, or 0.</summary>
    public static long Read(IChainStore? store, string name)
    {
        if (store?.Meta(Prefix + name) is not { } bytes)
            return 0;
        return bytes.Length == sizeof(long)
            ? BinaryPrimitives.ReadInt64BigEndian(bytes)
            : throw new StoreException($"data dir {store.Location}: metadata {Prefix + name} is corrupt ({bytes.Length} bytes, not {sizeof(long)})");
    }

    /// <summary>Saves <paramref name="value"/> as the total of <paramref name="name"/> and returns it.</summary>
    public static long Write(IChainStore? store, string name, long value)
    {
        if (store is null)
            return value;
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        store.PutMetaUnsynced(Prefix + name, bytes);
        return value;
    }
}
