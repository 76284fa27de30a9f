using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;

namespace ActorChain.Node.Storage;

/// <summary>
/// An <see cref="IChainStore"/> in memory, for embedded <c>run</c> and <c>simulate</c>: the same contract as the RocksDB
/// store, gone with the process. Blocks are immutable, so it keeps the objects themselves. Thread-safe (one writer,
/// readers anywhere).
/// </summary>
public sealed class MemoryChainStore : IChainStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, StoredBlock> _byRoot = []; // lookups only
    private readonly List<StoredBlock> _order = []; // insertion order
    private readonly SortedDictionary<string, byte[]> _meta = new(StringComparer.Ordinal);
    private Checkpoint? _finalized;
    private bool _closed;

    /// <inheritdoc />
    public bool PutPowBlock(PowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Put(new StoredBlock.Pow(block));
    }

    /// <inheritdoc />
    public bool PutBeaconBlock(BeaconBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Put(new StoredBlock.Beacon(block));
    }

    /// <inheritdoc />
    public bool Contains(Hash32 root)
    {
        lock (_lock)
        {
            Open();
            return _byRoot.ContainsKey(root);
        }
    }

    /// <inheritdoc />
    public long BlockCount
    {
        get
        {
            lock (_lock)
            {
                Open();
                return _order.Count;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredBlock> LoadBlocks()
    {
        lock (_lock)
        {
            Open();
            return [.. _order];
        }
    }

    /// <inheritdoc />
    public void PutFinalized(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            Open();
            _finalized = checkpoint;
        }
    }

    /// <inheritdoc />
    public Checkpoint? Finalized
    {
        get
        {
            lock (_lock)
            {
                Open();
                return _finalized;
            }
        }
    }

    /// <inheritdoc />
    public void PutMeta(string key, byte[] value)
    {
        lock (_lock)
        {
            Open();
            CheckKey(key);
            _meta[key] = value is null
                ? throw new ArgumentException($"metadata {key}: value must not be null", nameof(value))
                : (byte[])value.Clone();
        }
    }

    /// <inheritdoc />
    public void PutMetaUnsynced(string key, byte[] value) => PutMeta(key, value);

    /// <inheritdoc />
    public byte[]? Meta(string key)
    {
        lock (_lock)
        {
            Open();
            CheckKey(key);
            return _meta.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;
        }
    }

    /// <inheritdoc />
    public string Location => "memory";

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }

    private bool Put(StoredBlock block)
    {
        lock (_lock)
        {
            Open();
            if (!_byRoot.TryAdd(block.Root, block))
            {
                return false;
            }

            _order.Add(block);
            return true;
        }
    }

    private static void CheckKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("metadata key must be non-blank, got " + (key is null ? "null" : "'" + key + "'"));
        }
    }

    private void Open()
    {
        if (_closed)
        {
            throw new InvalidOperationException("the in-memory block store is closed");
        }
    }
}
