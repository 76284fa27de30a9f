using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Node.Storage;

namespace ActorChain.Node.Tests.Storage;

/// <summary>The chain-store contract on <see cref="RocksDbChainStore"/> (Java RocksChainStoreTest).</summary>
public sealed class RocksDbChainStoreTest : ChainStoreContract
{
    private TempDir? _dir;

    /// <inheritdoc />
    protected override IChainStore NewStore()
    {
        _dir = new TempDir();
        return RocksDbChainStore.Open(_dir.Path);
    }

    /// <inheritdoc />
    protected override void AfterDispose() => _dir?.Dispose();
}

/// <summary>The protection-store contract on <see cref="SqliteProtectionStore"/> (Java RocksProtectionStoreTest).</summary>
public sealed class SqliteProtectionStoreTest : ProtectionStoreContract
{
    private TempDir? _dir;

    /// <inheritdoc />
    protected override IProtectionStore NewStore()
    {
        _dir = new TempDir();
        return SqliteProtectionStore.Open(_dir.Path);
    }

    /// <inheritdoc />
    protected override IProtectionStore SameStore(IProtectionStore store) => SqliteProtectionStore.Open(_dir!.Path);

    [Fact]
    public void Uses_wal_and_a_file_per_data_dir()
    {
        Store.Save("v0", SlashingProtectionRecord.Empty.MaySignBlock(1)!);
        Store.Location.Should().Be(Path.Combine(_dir!.Path, "validators", "slashing_protection.sqlite"));
        using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Store.Location + ";Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "PRAGMA journal_mode;";
        q.ExecuteScalar().Should().Be("wal");
    }

    /// <inheritdoc />
    protected override void AfterDispose() => _dir?.Dispose();
}

/// <summary>Opening a data dir (Java NodeStoresTest, NodeDataDirTest): layout, reopen, genesis, in use, bad dirs.</summary>
public sealed class NodeDataDirTest : IDisposable
{
    private readonly TempDir _tmp = new();

    /// <inheritdoc />
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Creates_the_data_dir_with_both_stores()
    {
        var dir = _tmp.Sub("node-1");
        using (var stores = NodeStores.OpenDataDir(dir, "g1"))
        {
            stores.DataDir.Should().Be(dir);
            stores.Chain.Location.Should().Be(dir);
            stores.Protection.Location.Should().Be(Path.Combine(dir, "validators", "slashing_protection.sqlite"));
        }

        Directory.Exists(Path.Combine(dir, "chain")).Should().BeTrue();
        File.Exists(Path.Combine(dir, "validators", "slashing_protection.sqlite")).Should().BeTrue();
    }

    [Fact]
    public void Keeps_everything_when_reopened_after_dispose()
    {
        var dir = _tmp.Sub("node");
        var genesis = Blocks.Pow(0, Hash32.Zero, 0);
        var slot1 = Blocks.Beacon(1, genesis.Hash);
        var cp = new Checkpoint(1, slot1.Root);
        using (var stores = NodeStores.OpenDataDir(dir, "g1"))
        {
            stores.Chain.PutPowBlock(genesis);
            stores.Chain.PutBeaconBlock(slot1);
            stores.Chain.PutFinalized(cp);
            stores.Chain.PutMeta("k", [4, 2]);
            stores.Protection.Save("v0", new SlashingProtectionRecord(3, 1, 2));
        }

        using (var stores = NodeStores.OpenDataDir(dir, "g1"))
        {
            Blocks.Roots(stores.Chain.LoadBlocks()).Should().Equal(genesis.Hash, slot1.Root);
            stores.Chain.BlockCount.Should().Be(2);
            stores.Chain.Finalized.Should().Be(cp);
            stores.Chain.Meta("k").Should().Equal(4, 2);
            stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(3, 1, 2));
            var two = Blocks.Pow(1, genesis.Hash, 3);
            stores.Chain.PutPowBlock(two).Should().BeTrue();
            Blocks.Roots(stores.Chain.LoadBlocks()).Should().Equal(genesis.Hash, slot1.Root, two.Hash);
        }
    }

    [Fact]
    public void Refuses_a_data_dir_made_under_another_genesis_in_one_line()
    {
        var dir = _tmp.Sub("node");
        NodeStores.OpenDataDir(dir, "aa11").Dispose();

        var refused = FluentActions.Invoking(() => NodeStores.OpenDataDir(dir, "bb22")).Should().Throw<StoreException>().Which;
        refused.Message.Should().Contain($"data dir {dir} belongs to another genesis").And.Contain("aa11").And.Contain("bb22")
            .And.NotContain("\n");
        NodeStores.OpenDataDir(dir, "aa11").Dispose(); // nothing left open by the refusal
    }

    [Fact]
    public void Refuses_a_data_dir_another_node_has_open_in_one_line()
    {
        var dir = _tmp.Sub("node");
        using var first = NodeStores.OpenDataDir(dir, "g1");

        var refused = FluentActions.Invoking(() => NodeStores.OpenDataDir(dir, "g1")).Should().Throw<StoreException>().Which;
        refused.Message.Should().StartWith($"data dir {dir} is in use by another process").And.NotContain("\n");
        FluentActions.Invoking(() => NodeStores.OpenExisting(dir)).Should().Throw<StoreException>().WithMessage("*in use*");
    }

    [Fact]
    public void Refuses_a_data_dir_that_is_a_file()
    {
        var file = _tmp.Sub("file");
        File.WriteAllText(file, "x");
        FluentActions.Invoking(() => NodeStores.OpenDataDir(file, "g1")).Should().Throw<StoreException>()
            .WithMessage($"data dir {file} is not a directory");
        FluentActions.Invoking(() => NodeStores.OpenExisting(_tmp.Sub("absent"))).Should().Throw<StoreException>()
            .WithMessage($"data dir {_tmp.Sub("absent")} does not exist");
    }

    [Fact]
    public void Refuses_a_protection_file_that_is_not_a_database_naming_it()
    {
        var dir = _tmp.Sub("node");
        Directory.CreateDirectory(Path.Combine(dir, "validators"));
        var path = Path.Combine(dir, "validators", "slashing_protection.sqlite");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(new string('x', 4096)));

        FluentActions.Invoking(() => NodeStores.OpenDataDir(dir, "g1")).Should().Throw<StoreException>()
            .WithMessage($"slashing-protection db {path}: cannot open: *");
        NodeStores.OpenDataDir(_tmp.Sub("other"), "g1").Dispose();
        using var again = RocksDbChainStore.Open(dir); // the chain store was closed by the refusal
    }
}
