using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Ledger;

public sealed class LedgerStateTests
{
    private static readonly Accounts SomeAccounts = Accounts.Of([new Account(Alice.Address, 100, 3)]);
    private static readonly RegistryEntry[] Registry =
        [RegistryEntry.Of(Validator0.PublicKey, 32), new RegistryEntry(Validator1.PublicKey, 64, true)];

    private static LedgerState Decode(byte[] bytes)
    {
        LedgerState.TryDecode(bytes, out var state, out var error).Should().BeTrue(error);
        return state!;
    }

    private static string Rejection(byte[] bytes)
    {
        LedgerState.TryDecode(bytes, out _, out var error).Should().BeFalse();
        return error!;
    }

    [Fact]
    public void Starts_at_the_genesis_base_fee_of_one_gwei()
    {
        LedgerState.Genesis(SomeAccounts, Registry).BaseFee.Should().Be(1);
        LedgerState.GenesisBaseFee.Should().Be(1);
    }

    [Fact]
    public void Round_trips_the_canonical_form()
    {
        var state = new LedgerState(SomeAccounts, 77, Registry);
        var decoded = Decode(state.Canonical());

        decoded.Should().Be(state);
        decoded.Root.Should().Be(state.Root);
        Canonical.Root(state).Should().Be(state.Root);
        var e = Registry[1];
        Canonical.TryDecode(Canonical.Encode(e), RegistryEntry.Read, out var back, out _).Should().BeTrue();
        back.Should().Be(e);
    }

    [Fact]
    public void Changes_the_root_with_any_field()
    {
        var state = new LedgerState(SomeAccounts, 77, Registry);

        new LedgerState(SomeAccounts, 78, Registry).Root.Should().NotBe(state.Root);
        new LedgerState(Accounts.Empty, 77, Registry).Root.Should().NotBe(state.Root);
        new LedgerState(SomeAccounts, 77, Registry[..1]).Root.Should().NotBe(state.Root);
        new LedgerState(SomeAccounts, 77, Registry[..1]).Should().NotBe(state);
    }

    [Fact]
    public void Finds_validators_by_pubkey()
    {
        var state = LedgerState.Genesis(SomeAccounts, Registry);
        state.RegistryIndexOf(Validator1.PublicKey).Should().Be(1);
        state.RegistryIndexOf(Alice.PublicKey).Should().Be(-1);
    }

    [Fact]
    public void Copies_the_registry()
    {
        var mutable = Registry.ToList();
        var state = LedgerState.Genesis(SomeAccounts, mutable);
        mutable.Clear();
        state.Registry.Should().HaveCount(2);
    }

    [Fact]
    public void Rejects_a_base_fee_below_one_gwei()
    {
        FluentActions.Invoking(() => new LedgerState(SomeAccounts, 0, Registry)).Should().Throw<ArgumentOutOfRangeException>();
        var zeroFee = new CanonicalWriter();
        SomeAccounts.WriteTo(zeroFee);
        zeroFee.U64Le(0).List(Registry, (w, e) => e.WriteTo(w));

        Rejection(zeroFee.ToArray()).Should().Contain("baseFee");
        Decode(new LedgerState(SomeAccounts, 1, Registry).Canonical()).BaseFee.Should().Be(1);
    }

    [Fact]
    public void Rejects_every_truncation_and_trailing_bytes()
    {
        var encoded = new LedgerState(SomeAccounts, 5, Registry).Canonical();
        for (var len = 0; len < encoded.Length; len++)
        {
            Rejection(encoded[..len]).Should().NotBeNullOrEmpty($"length {len}");
        }

        Rejection([.. encoded, 0]).Should().Contain("trailing");
    }

    [Fact]
    public void Rejects_a_non_canonical_boolean_in_the_registry()
    {
        var encoded = Canonical.Encode(Registry[0]);
        encoded[^1] = 2;
        Canonical.TryDecode(encoded, RegistryEntry.Read, out _, out var error).Should().BeFalse();
        error.Should().Contain("bool");
    }
}
