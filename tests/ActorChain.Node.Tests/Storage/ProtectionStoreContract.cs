using System.Collections.Concurrent;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
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

    /// <summary>Another handle on the same store (its own connection where the store has them), or the store itself.</summary>
    protected virtual IProtectionStore SameStore(IProtectionStore store) => store;

    /// <summary>The store under test.</summary>
    protected IProtectionStore Store => _store;

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
    public void Records_only_over_the_record_expected()
    {
        var first = SlashingProtectionRecord.Empty.MaySignBlock(1)!;
        _store.TryRecord("v0", first, first.MaySignBlock(2)!).Should().BeFalse("nothing is stored, not slot 1");
        _store.Load("v0").Should().BeNull();
        _store.TryRecord("v0", SlashingProtectionRecord.Empty, first).Should().BeTrue();
        _store.TryRecord("v0", SlashingProtectionRecord.Empty, first.MaySignBlock(2)!).Should().BeFalse();
        _store.TryRecord("v0", first, first.MaySignBlock(2)!).Should().BeTrue();
        _store.Load("v0").Should().Be(new SlashingProtectionRecord(2, SlashingProtectionRecord.None, SlashingProtectionRecord.None));
        _store.Names().Should().Equal("v0");
    }

    [Fact]
    public void Check_and_record_loads_again_after_losing_a_race()
    {
        _store.Save("v0", SlashingProtectionRecord.Empty.MaySignBlock(5)!); // another signer, behind this one's back
        var stale = SlashingProtectionRecord.Empty;

        _store.CheckAndRecord("v0", stale, r => r.MaySignBlock(5), out var latest).Should().BeFalse();
        latest.LastSignedBlockSlot.Should().Be(5);
        _store.CheckAndRecord("v0", stale, r => r.MaySignBlock(6), out latest).Should().BeTrue();
        latest.LastSignedBlockSlot.Should().Be(6);
        _store.Load("v0")!.LastSignedBlockSlot.Should().Be(6);
    }

    [Fact]
    public void Ten_concurrent_signing_requests_for_one_slot_give_exactly_one_signature()
    {
        const int signers = 10;
        var key = Keys.FromName("storage-test", "v0");
        var root = Blocks.Beacon(7, Hash32.Zero).Root;
        var handles = Enumerable.Range(0, signers).Select(_ => SameStore(_store)).ToArray();
        var signatures = new ConcurrentBag<Signature>();
        using var start = new Barrier(signers);
        var threads = handles.Select(h => new Thread(() =>
        {
            var known = h.Load("v0") ?? SlashingProtectionRecord.Empty;
            start.SignalAndWait();
            if (h.CheckAndRecord("v0", known, r => r.MaySignBlock(7), out _))
                signatures.Add(key.Sign(Domain.Proposer, root));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var h in handles.Where(h => !ReferenceEquals(h, _store)))
            h.Dispose();

        signatures.Should().ContainSingle();
        _store.Load("v0")!.LastSignedBlockSlot.Should().Be(7);
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
