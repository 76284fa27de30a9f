using System.Buffers.Binary;
using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using RocksDbSharp;
using Checkpoint = ActorChain.Core.Pos.Model.Checkpoint;

namespace ActorChain.Node.Storage;

/// <summary>
/// An <see cref="IChainStore"/> in RocksDB under <c>dataDir/chain</c> (docs/storage.md). Column families:
/// <c>blocks</c> (u64 big-endian arrival sequence → kind byte (1 PoW, 2 beacon) ‖ root ‖ canonical encoding; big-endian
/// keys iterate in arrival order, so parents come first), <c>roots</c> (root → its sequence, so a second put writes
/// nothing), <c>meta</c> (UTF-8 key → value) and <c>default</c> (the store's own <c>format</c> and <c>finalized</c>).
/// Every write is one <see cref="WriteBatch"/> with <c>sync</c> on: durable when the call returns (about 0.25–0.4 ms
/// here, measured in docs/storage.md: cheap next to a block's import). Thread-safe (calls are serialized).
/// </summary>
public sealed class RocksDbChainStore : IChainStore
{
    /// <summary>The subdirectory of the data dir the database lives in.</summary>
    public const string SubDir = "chain";

    private const int Format = 1;
    private const byte KindPow = 1;
    private const byte KindBeacon = 2;
    private static readonly byte[] FormatKey = "format"u8.ToArray();
    private static readonly byte[] FinalizedKey = "finalized"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle _blocks;
    private readonly ColumnFamilyHandle _roots;
    private readonly ColumnFamilyHandle _meta;
    private readonly ColumnFamilyHandle _default;
    private readonly WriteOptions _sync = new WriteOptions().SetSync(true);
    private readonly WriteOptions _lazy = new WriteOptions().SetSync(false);
    private ulong _nextSequence;
    private long _count;
    private bool _closed;

    private RocksDbChainStore(string dataDir, RocksDb db)
    {
        Location = dataDir;
        _db = db;
        _blocks = db.GetColumnFamily("blocks");
        _roots = db.GetColumnFamily("roots");
        _meta = db.GetColumnFamily("meta");
        _default = db.GetDefaultColumnFamily();
    }

    /// <summary>
    /// Opens (creating if missing) the block store of <paramref name="dataDir"/>; a <see cref="StoreException"/> if the
    /// dir cannot be created or written, is in use by another process (RocksDB's LOCK), or holds another format.
    /// </summary>
    /// <param name="dataDir">The node's data dir.</param>
    /// <param name="createIfMissing">False for offline tools: a data dir without <c>chain/</c> is refused, nothing is created.</param>
    public static RocksDbChainStore Open(string dataDir, bool createIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var dir = createIfMissing ? DataDirs.Prepare(dataDir, SubDir) : Path.Combine(dataDir, SubDir);
        if (!createIfMissing && !Directory.Exists(dir))
        {
            throw new StoreException($"no node data in {dataDir} (no {SubDir}/ directory)");
        }

        var options = new DbOptions().SetCreateIfMissing(createIfMissing).SetCreateMissingColumnFamilies(true).SetKeepLogFileNum(2);
        var families = new ColumnFamilies
        {
            { "blocks", new ColumnFamilyOptions() },
            { "roots", new ColumnFamilyOptions() },
            { "meta", new ColumnFamilyOptions() },
        };
        RocksDb db;
        try
        {
            db = RocksDb.Open(options, dir, families);
        }
        catch (RocksDbException e)
        {
            throw Failure(dataDir, "open " + dir, e);
        }

        var store = new RocksDbChainStore(dataDir, db);
        try
        {
            store.CheckFormat();
            store.ScanSequence();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public bool PutPowBlock(PowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return PutBlock(KindPow, block.Hash, block.Canonical());
    }

    /// <inheritdoc />
    public bool PutBeaconBlock(BeaconBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return PutBlock(KindBeacon, block.Root, block.Encode());
    }

    /// <inheritdoc />
    public bool Contains(Hash32 root)
    {
        lock (_lock)
        {
            return Get(_roots, root.ToArray()) is not null;
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
                return _count;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredBlock> LoadBlocks()
    {
        lock (_lock)
        {
            Open();
            var blocks = new List<StoredBlock>();
            using var it = _db.NewIterator(_blocks);
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                blocks.Add(DecodeBlock(BinaryPrimitives.ReadUInt64BigEndian(it.Key()), it.Value()));
            }

            return blocks;
        }
    }

    /// <inheritdoc />
    public void PutFinalized(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            Put(_default, FinalizedKey, checkpoint.Encode());
        }
    }

    /// <inheritdoc />
    public Checkpoint? Finalized
    {
        get
        {
            lock (_lock)
            {
                var stored = Get(_default, FinalizedKey);
                if (stored is null)
                {
                    return null;
                }

                return Checkpoint.Decode(stored, out var reason)
                    ?? throw new StoreException($"data dir {Location}: the finalized checkpoint is corrupt: {reason}");
            }
        }
    }

    /// <inheritdoc />
    public void PutMeta(string key, byte[] value)
    {
        lock (_lock)
        {
            var k = MetaKey(key);
            Put(_meta, k, value ?? throw new ArgumentException($"metadata {key}: value must not be null", nameof(value)));
        }
    }

    /// <inheritdoc />
    public void PutMetaUnsynced(string key, byte[] value)
    {
        lock (_lock)
        {
            var k = MetaKey(key);
            Open();
            using var batch = new WriteBatch();
            batch.Put(k, value ?? throw new ArgumentException($"metadata {key}: value must not be null", nameof(value)), _meta);
            try
            {
                _db.Write(batch, _lazy);
            }
            catch (RocksDbException e)
            {
                throw Failure(Location, "write the block store", e);
            }
        }
    }

    /// <inheritdoc />
    public byte[]? Meta(string key)
    {
        lock (_lock)
        {
            return Get(_meta, MetaKey(key));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _db.Dispose();
        }
    }

    /// <summary>The one-line error for a RocksDB failure while doing <paramref name="what"/> in <paramref name="dataDir"/>.</summary>
    internal static StoreException Failure(string dataDir, string what, RocksDbException e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        if (message.Contains("LOCK", StringComparison.Ordinal) || message.Contains("lock hold", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreException($"data dir {dataDir} is in use by another process (RocksDB lock {Path.Combine(dataDir, SubDir, "LOCK")})");
        }

        return message.StartsWith("Corruption", StringComparison.Ordinal)
            ? new StoreException($"data dir {dataDir} is corrupt ({what}): {message}")
            : new StoreException($"data dir {dataDir}: cannot {what}: {message}");
    }

    private bool PutBlock(byte kind, Hash32 root, byte[] canonical)
    {
        lock (_lock)
        {
            var rootKey = root.ToArray();
            if (Get(_roots, rootKey) is not null)
            {
                return false;
            }

            var sequence = new byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64BigEndian(sequence, _nextSequence);
            var value = new byte[1 + Hash32.Width + canonical.Length];
            value[0] = kind;
            rootKey.CopyTo(value, 1);
            canonical.CopyTo(value, 1 + Hash32.Width);
            using (var batch = new WriteBatch())
            {
                batch.Put(sequence, value, _blocks);
                batch.Put(rootKey, sequence, _roots);
                Write(batch, "store block " + root);
            }

            _nextSequence++;
            _count++;
            return true;
        }
    }

    private StoredBlock DecodeBlock(ulong sequence, byte[] value)
    {
        string? reason;
        StoredBlock? block = null;
        if (value.Length < 1 + Hash32.Width)
        {
            reason = $"{value.Length} bytes, shorter than a kind and a root";
        }
        else
        {
            var canonical = value.AsMemory(1 + Hash32.Width);
            switch (value[0])
            {
                case KindPow:
                    block = PowBlock.TryDecode(canonical, out var pow, out reason) ? new StoredBlock.Pow(pow) : null;
                    break;
                case KindBeacon:
                    var beacon = BeaconBlock.Decode(canonical, out reason);
                    block = beacon is null ? null : new StoredBlock.Beacon(beacon);
                    break;
                default:
                    reason = "unknown block kind " + value[0];
                    break;
            }

            var root = new Hash32(value.AsSpan(1, Hash32.Width));
            if (block is not null && block.Root != root)
            {
                reason = $"decodes to root {block.Root}, stored under {root}";
                block = null;
            }
        }

        return block ?? throw new StoreException($"data dir {Location}: stored block #{sequence} is corrupt: {reason}");
    }

    private void CheckFormat()
    {
        var stored = Get(_default, FormatKey);
        if (stored is null)
        {
            var bytes = new byte[sizeof(int)];
            BinaryPrimitives.WriteInt32BigEndian(bytes, Format);
            Put(_default, FormatKey, bytes);
        }
        else if (stored.Length != sizeof(int) || BinaryPrimitives.ReadInt32BigEndian(stored) != Format)
        {
            throw new StoreException($"data dir {Location} holds a block store of format {Convert.ToHexString(stored)}; "
                + $"this build reads format {Format}");
        }
    }

    private void ScanSequence()
    {
        using (var it = _db.NewIterator(_blocks))
        {
            it.SeekToLast();
            _nextSequence = it.Valid() ? BinaryPrimitives.ReadUInt64BigEndian(it.Key()) + 1 : 0;
        }

        using (var it = _db.NewIterator(_roots))
        {
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                _count++;
            }
        }
    }

    private static byte[] MetaKey(string? key) =>
        string.IsNullOrWhiteSpace(key)
            ? throw new ArgumentException("metadata key must be non-blank, got " + (key is null ? "null" : "'" + key + "'"))
            : Encoding.UTF8.GetBytes(key);

    private byte[]? Get(ColumnFamilyHandle family, byte[] key)
    {
        Open();
        try
        {
            return _db.Get(key, family);
        }
        catch (RocksDbException e)
        {
            throw Failure(Location, "read the block store", e);
        }
    }

    private void Put(ColumnFamilyHandle family, byte[] key, byte[] value)
    {
        Open();
        using var batch = new WriteBatch();
        batch.Put(key, value, family);
        Write(batch, "write the block store");
    }

    private void Write(WriteBatch batch, string what)
    {
        Open();
        try
        {
            _db.Write(batch, _sync);
        }
        catch (RocksDbException e)
        {
            throw Failure(Location, what, e);
        }
    }

    private void Open()
    {
        if (_closed)
        {
            // A closed RocksDB crashes the process rather than the call: never touch it.
            throw new InvalidOperationException($"the block store of data dir {Location} is closed");
        }
    }
}
