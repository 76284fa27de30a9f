namespace ActorChain.Node.Storage;

/// <summary>A node's stores: its blocks and its validators' slashing-protection records. They outlive the node's actors.</summary>
public sealed class NodeStores(IChainStore chain, IProtectionStore protection, string? dataDir = null) : IDisposable
{
    /// <summary>The block store.</summary>
    public IChainStore Chain { get; } = chain;

    /// <summary>The slashing-protection store.</summary>
    public IProtectionStore Protection { get; } = protection;

    /// <summary>The data dir the stores live in, or null in memory.</summary>
    public string? DataDir { get; } = dataDir;

    /// <summary>Both stores in memory, for embedded <c>run</c> and <c>simulate</c>.</summary>
    public static NodeStores InMemory() => new(new MemoryChainStore(), new MemoryProtectionStore());

    /// <summary>
    /// A cluster node's durable stores (docs/storage.md): creates <paramref name="dataDir"/> if missing, opens
    /// <c>chain/</c> (RocksDB, whose LOCK refuses a data dir another process has open) and
    /// <c>validators/slashing_protection.sqlite</c>, and binds the data dir to <paramref name="genesisDigest"/>
    /// (<see cref="ChainStores.RequireGenesis"/>). Every failure is a one-line <see cref="StoreException"/> naming the
    /// data dir (the CLI prints it and exits 2); nothing is left open then.
    /// </summary>
    public static NodeStores OpenDataDir(string dataDir, string genesisDigest)
    {
        var stores = Open(dataDir);
        try
        {
            stores.Chain.RequireGenesis(genesisDigest);
            return stores;
        }
        catch
        {
            stores.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An existing data dir's stores, for offline tools (<c>slashing-protection export|import</c>): not bound to a
    /// genesis, nothing created, and a <see cref="StoreException"/> if <paramref name="dataDir"/> does not exist, holds
    /// no node data (no <c>chain/</c>), or a node has it open.
    /// </summary>
    public static NodeStores OpenExisting(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        if (!Directory.Exists(dataDir))
        {
            throw new StoreException($"data dir {dataDir} does not exist");
        }

        if (!Directory.Exists(Path.Combine(dataDir, RocksDbChainStore.SubDir)))
        {
            throw new StoreException($"no node data in {dataDir}");
        }

        return Open(dataDir, createIfMissing: false);
    }

    /// <summary>Whether <paramref name="e"/> says a store's native library (RocksDB, SQLite) could not be loaded.</summary>
    public static bool IsNativeLibraryMissing(Exception e) => e is DllNotFoundException or TypeInitializationException;

    /// <summary>The one line printed when a store's native library could not be loaded (<see cref="IsNativeLibraryMissing"/>).</summary>
    public static string NativeLibraryLine(string dataDir, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var why = e.GetBaseException().Message.ReplaceLineEndings(" ");
        return $"cannot open the stores of {dataDir}: a native library (RocksDB or SQLite) could not be loaded: {why}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Chain.Dispose();
        }
        finally
        {
            Protection.Dispose();
        }
    }

    private static NodeStores Open(string dataDir, bool createIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var chain = RocksDbChainStore.Open(dataDir, createIfMissing); // first: its LOCK says whether another process has the dir
        try
        {
            return new NodeStores(chain, SqliteProtectionStore.Open(dataDir, createIfMissing), dataDir);
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
