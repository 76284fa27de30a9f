using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using CsCheck;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Ledger;

public sealed class AccountsTests
{
    private static readonly Address AliceAddr = Alice.Address;
    private static readonly Address BobAddr = Bob.Address;
    private static readonly Address CarolAddr = Carol.Address;

    private static byte[] ListOf(params Account[] accounts) =>
        new CanonicalWriter().List(accounts, (w, a) => a.WriteTo(w)).ToArray();

    [Fact]
    public void Returns_an_empty_account_for_an_unknown_address()
    {
        Accounts.Empty.Get(AliceAddr).Should().Be(Account.Empty(AliceAddr));
        Accounts.Empty.Count.Should().Be(0);
    }

    [Fact]
    public void Lists_accounts_in_address_order_whatever_the_insertion_order()
    {
        var a = Accounts.Of([new Account(CarolAddr, 3, 0), new Account(AliceAddr, 1, 0), new Account(BobAddr, 2, 0)]);
        var b = Accounts.Empty.With(new Account(BobAddr, 2, 0)).With(new Account(AliceAddr, 1, 0)).With(new Account(CarolAddr, 3, 0));

        a.All.Select(x => x.Address).Should().BeInAscendingOrder(AddressOrder.Instance);
        a.Should().Be(b);
        a.Root.Should().Be(b.Root);
        a.Canonical().Should().Equal(b.Canonical());
    }

    [Fact]
    public void Leaves_the_original_unchanged_by_with()
    {
        var before = Accounts.Of([new Account(AliceAddr, 10, 0)]);
        var after = before.With(new Account(AliceAddr, 5, 1));

        before.Get(AliceAddr).Balance.Should().Be(10);
        after.Get(AliceAddr).Should().Be(new Account(AliceAddr, 5, 1));
        after.Root.Should().NotBe(before.Root);
    }

    [Fact]
    public void Does_not_store_empty_accounts()
    {
        var withEmpty = Accounts.Of([Account.Empty(AliceAddr), new Account(BobAddr, 1, 0)]);

        withEmpty.Count.Should().Be(1);
        withEmpty.Should().Be(Accounts.Of([new Account(BobAddr, 1, 0)]));
        withEmpty.With(Account.Empty(BobAddr)).Should().Be(Accounts.Empty);
    }

    [Fact]
    public void Refuses_the_same_address_twice() =>
        FluentActions.Invoking(() => Accounts.Of([new Account(AliceAddr, 1, 0), new Account(AliceAddr, 2, 0)]))
            .Should().Throw<ArgumentException>().WithMessage("*twice*");

    [Fact]
    public void Keeps_built_accounts_immutable_while_the_builder_goes_on()
    {
        var builder = Accounts.Empty.ToBuilder();
        builder.Put(new Account(AliceAddr, 1, 0));
        var first = builder.Build();
        builder.Put(new Account(AliceAddr, 2, 0)).Put(new Account(BobAddr, 3, 0));
        var second = builder.Build();

        first.Get(AliceAddr).Balance.Should().Be(1);
        first.Count.Should().Be(1);
        second.Get(AliceAddr).Balance.Should().Be(2);
        builder.Get(BobAddr).Balance.Should().Be(3);
        builder.Get(CarolAddr).Should().Be(Account.Empty(CarolAddr));
    }

    [Fact]
    public void Sums_balances()
    {
        Accounts.Of([new Account(AliceAddr, 10, 0), new Account(BobAddr, 32, 4)]).TotalBalance().Should().Be(42);
        FluentActions.Invoking(() => Accounts.Of([new Account(AliceAddr, ulong.MaxValue, 0), new Account(BobAddr, 1, 0)]).TotalBalance())
            .Should().Throw<OverflowException>();
    }

    [Fact]
    public void Round_trips_the_canonical_form()
    {
        var a = Accounts.Of([new Account(AliceAddr, 10, 2), new Account(BobAddr, long.MaxValue, 0)]);
        Canonical.TryDecode(a.Canonical(), Accounts.Read, out var decoded, out _).Should().BeTrue();

        decoded.Should().Be(a);
        decoded!.Canonical().Should().Equal(a.Canonical());
        var one = new Account(CarolAddr, 7, 9);
        Canonical.TryDecode(Canonical.Encode(one), Account.Read, out var back, out _).Should().BeTrue();
        back.Should().Be(one);
    }

    [Fact]
    public void Round_trips_any_set_of_accounts() =>
        Gen.Select(Gen.Byte.Array[20], Gen.ULong, Gen.ULong).Array[0, 12].Sample(raw =>
        {
            var accounts = Accounts.Of(raw.DistinctBy(r => Convert.ToHexString(r.Item1))
                .Select(r => new Account(new Address(r.Item1), r.Item2, r.Item3)));
            Canonical.TryDecode(accounts.Canonical(), Accounts.Read, out var decoded, out var error).Should().BeTrue(error);
            decoded.Should().Be(accounts);
            decoded!.Root.Should().Be(accounts.Root);
        });

    [Fact]
    public void Rejects_accounts_out_of_order_repeated_or_empty()
    {
        var (lowAddr, highAddr) = AliceAddr < BobAddr ? (AliceAddr, BobAddr) : (BobAddr, AliceAddr);
        var low = new Account(lowAddr, 1, 0);
        var high = new Account(highAddr, 1, 0);

        Canonical.TryDecode(ListOf(high, low), Accounts.Read, out _, out var unsorted).Should().BeFalse();
        unsorted.Should().Contain("ascending");
        Canonical.TryDecode(ListOf(low, low), Accounts.Read, out _, out _).Should().BeFalse();
        Canonical.TryDecode(ListOf(Account.Empty(AliceAddr)), Accounts.Read, out _, out var empty).Should().BeFalse();
        empty.Should().Contain("empty");
    }
}
