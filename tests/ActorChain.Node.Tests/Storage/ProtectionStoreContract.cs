using ActorChain.Core.Pos.Protection;
using ActorChain.Node.Storage;

namespace ActorChain.Node.Tests.Storage;

/// <summary>The <see cref="IProtectionStore"/> contract, run against every implementation.</summary>
public abstract class ProtectionStoreContract : IDisposable
{
    private readonly IProtectionStore _store;

    /// <summary>Opens a fresh store for each test.</summary>
    protected ProtectionStoreContract() => _store = NewStore();

    /// <summary>A fresh, empty store.</summary>
    protected abstract IProtectionStore NewStore();

    /// <inheritdoc />
    public void Dispose()
    {
        _store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Loads_nothing_for_a_validator_that_never_signed() => _store.Load("v0").Should().BeNull();

    [Fact]
    public void Loads_the_last_record_saved_for_each_validator()
    {
        var proposed = SlashingProtectionRecord.Empty.MaySignBlock(3)!;
        var attested = proposed.MaySignAttestation(0, 1)!;
        _store.Save("v0", proposed);
        _store.Save("v1", SlashingProtectionRecord.Empty.MaySignAttestation(2, 4)!);
        _store.Save("v0", attested);

        _store.Load("v0").Should().Be(new SlashingProtectionRecord(3, 0, 1));
        _store.Load("v1").Should().Be(new SlashingProtectionRecord(SlashingProtectionRecord.None, 2, 4));
        _store.Load("v2").Should().BeNull();
    }

    [Fact]
    public void Rejects_a_blank_validator_name_naming_it()
    {
        _store.Invoking(s => s.Save("", SlashingProtectionRecord.Empty))
            .Should().Throw<ArgumentException>().WithMessage("validator name must be non-blank, got ''");
        _store.Invoking(s => s.Load(null!))
            .Should().Throw<ArgumentException>().WithMessage("validator name must be non-blank, got null");
    }

    [Fact]
    public void Refuses_use_after_close()
    {
        _store.Dispose();
        _store.Invoking(s => s.Load("v0")).Should().Throw<InvalidOperationException>().WithMessage("*closed*");
    }
}

/// <summary>The contract on <see cref="MemoryProtectionStore"/>.</summary>
public sealed class MemoryProtectionStoreTest : ProtectionStoreContract
{
    /// <inheritdoc />
    protected override IProtectionStore NewStore() => new MemoryProtectionStore();
}

/// <summary>Java NodeStoresTest's in-memory half.</summary>
public sealed class NodeStoresTest
{
    [Fact]
    public void Opens_both_stores_in_memory_and_closes_them_together()
    {
        var stores = NodeStores.InMemory();
        stores.Chain.Location.Should().Be("memory");
        stores.Protection.Location.Should().Be("memory");
        stores.Dispose();
        stores.Chain.Invoking(c => c.BlockCount).Should().Throw<InvalidOperationException>();
        stores.Protection.Invoking(p => p.Load("v0")).Should().Throw<InvalidOperationException>();
    }
}
