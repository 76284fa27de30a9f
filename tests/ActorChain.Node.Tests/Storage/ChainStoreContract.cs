using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Storage;

namespace ActorChain.Node.Tests.Storage;

/// <summary>The <see cref="IChainStore"/> contract: every implementation runs these same tests.</summary>
public abstract class ChainStoreContract : IDisposable
{
    private readonly IChainStore _store;

    /// <summary>Opens a fresh store for each test.</summary>
    protected ChainStoreContract() => _store = NewStore();

    /// <summary>A fresh, empty store.</summary>
    protected abstract IChainStore NewStore();

    /// <inheritdoc />
    public void Dispose()
    {
        _store.Dispose();
        AfterDispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs once the store is closed: a durable store deletes its temp dir.</summary>
    protected virtual void AfterDispose()
    {
    }

    [Fact]
    public void Reads_back_every_block_in_the_order_it_was_put()
    {
        var genesis = Blocks.Pow(0, Hash32.Zero, 0);
        var one = Blocks.Pow(1, genesis.Hash, 7);
        var slot1 = Blocks.Beacon(1, one.Hash);
        var slot2 = Blocks.Beacon(2, slot1.Root);
        var late = Blocks.Pow(2, one.Hash, 9);

        _store.PutPowBlock(genesis).Should().BeTrue();
        _store.PutPowBlock(one).Should().BeTrue();
        _store.PutBeaconBlock(slot1).Should().BeTrue();
        _store.PutBeaconBlock(slot2).Should().BeTrue();
        _store.PutPowBlock(late).Should().BeTrue();

        var back = _store.LoadBlocks();
        Blocks.Roots(back).Should().Equal(genesis.Hash, one.Hash, slot1.Root, slot2.Root, late.Hash);
        back[0].Should().Be(new StoredBlock.Pow(genesis));
        ((StoredBlock.Pow)back[1]).Block.Canonical().Should().Equal(one.Canonical());
        ((StoredBlock.Beacon)back[3]).Block.Encode().Should().Equal(slot2.Encode());
        _store.BlockCount.Should().Be(5);
        _store.Contains(slot1.Root).Should().BeTrue();
        _store.Contains(Blocks.Beacon(3, slot2.Root).Root).Should().BeFalse();
    }

    [Fact]
    public void Stores_a_block_once_when_it_is_put_twice()
    {
        var a = Blocks.Pow(0, Hash32.Zero, 1);
        var b = Blocks.Beacon(1, a.Hash);
        _store.PutPowBlock(a);
        _store.PutBeaconBlock(b);

        _store.PutPowBlock(a).Should().BeFalse();
        _store.PutBeaconBlock(b).Should().BeFalse();
        Blocks.Roots(_store.LoadBlocks()).Should().Equal(a.Hash, b.Root);
        _store.BlockCount.Should().Be(2);
    }

    [Fact]
    public void Keeps_only_the_latest_finalized_checkpoint()
    {
        _store.Finalized.Should().BeNull();
        var first = new Checkpoint(1, Blocks.Beacon(8, Hash32.Zero).Root);
        var second = new Checkpoint(2, Blocks.Beacon(16, Hash32.Zero).Root);
        _store.PutFinalized(first);
        _store.PutFinalized(second);
        _store.Finalized.Should().Be(second);
    }

    [Fact]
    public void Keeps_metadata_as_its_own_copy()
    {
        byte[] value = [1, 2, 3];
        _store.PutMeta("genesis-time", value);
        value[0] = 9;
        _store.Meta("genesis-time").Should().Equal(1, 2, 3);
        _store.Meta("genesis-time")![1] = 9;
        _store.Meta("genesis-time").Should().Equal(1, 2, 3);
        _store.Meta("absent").Should().BeNull();
    }

    [Fact]
    public void Rejects_a_blank_metadata_key_naming_it()
    {
        _store.Invoking(s => s.PutMeta(" ", new byte[1]))
            .Should().Throw<ArgumentException>().WithMessage("metadata key must be non-blank, got ' '");
        _store.Invoking(s => s.Meta(null!))
            .Should().Throw<ArgumentException>().WithMessage("metadata key must be non-blank, got null");
    }

    [Fact]
    public void Binds_to_the_first_genesis_and_refuses_another()
    {
        _store.RequireGenesis("aa11");
        _store.RequireGenesis("aa11");
        Encoding.UTF8.GetString(_store.Meta(ChainStores.GenesisDigest)!).Should().Be("aa11");

        _store.Invoking(s => s.RequireGenesis("bb22"))
            .Should().Throw<StoreException>()
            .WithMessage($"*data dir {_store.Location} belongs to another genesis*")
            .Which.Message.Should().Contain("aa11").And.Contain("bb22");
    }

    [Fact]
    public void Refuses_use_after_close()
    {
        _store.Dispose();
        _store.Dispose();
        _store.Invoking(s => s.PutPowBlock(Blocks.Pow(0, Hash32.Zero, 0)))
            .Should().Throw<InvalidOperationException>().WithMessage("*closed*");
        _store.Invoking(s => s.Finalized).Should().Throw<InvalidOperationException>();
    }
}

/// <summary>The contract on <see cref="MemoryChainStore"/>.</summary>
public sealed class MemoryChainStoreTest : ChainStoreContract
{
    /// <inheritdoc />
    protected override IChainStore NewStore() => new MemoryChainStore();
}
