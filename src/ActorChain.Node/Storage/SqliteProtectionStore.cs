using ActorChain.Core.Pos.Protection;
using Microsoft.Data.Sqlite;

namespace ActorChain.Node.Storage;

/// <summary>
/// An <see cref="IProtectionStore"/> in SQLite at <c>dataDir/validators/slashing_protection.sqlite</c>
/// (docs/storage.md): one row per hosted validator (name, last block slot, last source and target epoch, −1 for none),
/// <c>journal_mode=WAL</c> and <c>synchronous=FULL</c>, so a write is on disk when its commit returns. One connection
/// for the store's life (calls are serialized on it; closing the last connection would checkpoint the WAL every time),
/// and every write under <c>BEGIN IMMEDIATE</c>, so <see cref="TryRecord"/> is atomic across threads, other handles on
/// the same file and other processes. Thread-safe.
/// </summary>
public sealed class SqliteProtectionStore : IProtectionStore
{
    /// <summary>The subdirectory of the data dir the database lives in.</summary>
    public const string SubDir = "validators";

    /// <summary>The database's file name.</summary>
    public const string FileName = "slashing_protection.sqlite";

    private const int Format = 1;

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private bool _closed;

    private SqliteProtectionStore(string path, bool createIfMissing)
    {
        Location = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30, // seconds a writer waits for another's BEGIN IMMEDIATE
        }.ToString());
    }

    /// <summary>
    /// Opens (creating if missing) the slashing-protection database of <paramref name="dataDir"/>; a
    /// <see cref="StoreException"/> naming the file if it cannot be created, is not a database, or has another format.
    /// </summary>
    /// <param name="dataDir">The node's data dir.</param>
    /// <param name="createIfMissing">False for offline tools: a missing database is refused, nothing is created.</param>
    public static SqliteProtectionStore Open(string dataDir, bool createIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        if (createIfMissing)
        {
            return OpenFile(Path.Combine(DataDirs.Prepare(dataDir, SubDir), FileName));
        }

        var path = Path.Combine(dataDir, SubDir, FileName);
        if (!File.Exists(path))
        {
            throw new StoreException($"no slashing-protection db in {dataDir} (no {SubDir}/{FileName})");
        }

        return OpenFile(path, createIfMissing: false);
    }

    /// <summary>Opens (creating it if missing, unless <paramref name="createIfMissing"/> is false) the database file at <paramref name="path"/>.</summary>
    public static SqliteProtectionStore OpenFile(string path, bool createIfMissing = true)
    {
        var store = new SqliteProtectionStore(path, createIfMissing);
        try
        {
            store._connection.Open();
        }
        catch (SqliteException e)
        {
            store._connection.Dispose();
            throw new StoreException($"slashing-protection db {path}: cannot open: {e.Message.ReplaceLineEndings(" ")}");
        }

        try
        {
            store.Run("open", Init);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    private static int Init(SqliteConnection c)
    {
        var path = c.DataSource;
        Exec(c, "PRAGMA journal_mode=WAL;");
        Exec(c, "PRAGMA synchronous=FULL;");
        using var tx = c.BeginTransaction(deferred: false);
        Exec(c, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS protection (name TEXT PRIMARY KEY NOT NULL, block_slot INTEGER NOT NULL, "
            + "source_epoch INTEGER NOT NULL, target_epoch INTEGER NOT NULL);"
            + $"INSERT OR IGNORE INTO meta (key, value) VALUES ('format', {Format});");
        using var q = c.CreateCommand();
        q.CommandText = "SELECT value FROM meta WHERE key = 'format';";
        var format = Convert.ToInt64(q.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (format != Format)
        {
            throw new StoreException($"slashing-protection db {path} has format {format}; this build reads format {Format}");
        }

        tx.Commit();
        return 0;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public SlashingProtectionRecord? Load(string validatorName)
    {
        var name = ChainStores.CheckValidatorName(validatorName);
        return Run("read validator " + name, c => Read(c, name));
    }

    /// <inheritdoc />
    public void Save(string validatorName, SlashingProtectionRecord record)
    {
        var name = ChainStores.CheckValidatorName(validatorName);
        ArgumentNullException.ThrowIfNull(record);
        Run("save validator " + name, c =>
        {
            using var tx = c.BeginTransaction(deferred: false);
            Write(c, name, record);
            tx.Commit();
            return 0;
        });
    }

    /// <inheritdoc />
    public bool TryRecord(string validatorName, SlashingProtectionRecord expected, SlashingProtectionRecord next)
    {
        var name = ChainStores.CheckValidatorName(validatorName);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        return Run("record validator " + name, c =>
        {
            // BEGIN IMMEDIATE: the write lock is taken before the read, so no one records between the two.
            using var tx = c.BeginTransaction(deferred: false);
            if ((Read(c, name) ?? SlashingProtectionRecord.Empty) != expected)
            {
                return false;
            }

            Write(c, name, next);
            tx.Commit();
            return true;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names() => Run("list validators", c =>
    {
        using var q = c.CreateCommand();
        q.CommandText = "SELECT name FROM protection ORDER BY name;";
        using var r = q.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    });

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
            _connection.Dispose();
        }
    }

    private static SlashingProtectionRecord? Read(SqliteConnection c, string name)
    {
        using var q = c.CreateCommand();
        q.CommandText = "SELECT block_slot, source_epoch, target_epoch FROM protection WHERE name = $name;";
        q.Parameters.AddWithValue("$name", name);
        using var r = q.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        return new SlashingProtectionRecord(unchecked((ulong)r.GetInt64(0)), unchecked((ulong)r.GetInt64(1)),
            unchecked((ulong)r.GetInt64(2)));
    }

    private static void Write(SqliteConnection c, string name, SlashingProtectionRecord record)
    {
        using var w = c.CreateCommand();
        w.CommandText = "INSERT INTO protection (name, block_slot, source_epoch, target_epoch) VALUES ($name, $b, $s, $t) "
            + "ON CONFLICT(name) DO UPDATE SET block_slot = $b, source_epoch = $s, target_epoch = $t;";
        w.Parameters.AddWithValue("$name", name);
        w.Parameters.AddWithValue("$b", unchecked((long)record.LastSignedBlockSlot));
        w.Parameters.AddWithValue("$s", unchecked((long)record.LastSourceEpoch));
        w.Parameters.AddWithValue("$t", unchecked((long)record.LastTargetEpoch));
        w.ExecuteNonQuery();
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private T Run<T>(string what, Func<SqliteConnection, T> body)
    {
        lock (_lock)
        {
            if (_closed)
            {
                throw new InvalidOperationException($"the slashing-protection db {Location} is closed");
            }

            return Guarded(what, () => body(_connection));
        }
    }

    private T Guarded<T>(string what, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException e)
        {
            throw new StoreException($"slashing-protection db {Location}: cannot {what}: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (InvalidCastException e)
        {
            throw new StoreException($"slashing-protection db {Location} is corrupt ({what}): {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new StoreException($"slashing-protection db {Location} is corrupt ({what}): {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
