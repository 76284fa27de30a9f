using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class FeesTests
{
    [Fact]
    public void Uses_the_spec_constants()
    {
        Fees.GenesisBaseFee.Should().Be(1);
        Fees.TargetTxs.Should().Be(64);
        Fees.MaxTxsPerBlock.Should().Be(128);
    }

    [Fact]
    public void Keeps_the_base_fee_at_the_target() => Fees.NextBaseFee(1_000, 64).Should().Be(1_000);

    [Fact]
    public void Raises_the_base_fee_by_an_eighth_for_a_full_block()
    {
        Fees.NextBaseFee(1_000, 128).Should().Be(1_125);
        Fees.NextBaseFee(1_000, 96).Should().Be(1_062); // 1000 × 32 // 64 // 8 = 62
        Fees.NextBaseFee(8, 128).Should().Be(9);
    }

    [Fact]
    public void Lowers_the_base_fee_by_an_eighth_for_an_empty_block() => Fees.NextBaseFee(1_000, 0).Should().Be(875);

    [Fact]
    public void Floor_divides_negative_deltas_toward_minus_infinity()
    {
        // 1000 × (63 − 64) = −1000; −1000 // 64 = −16; −16 // 8 = −2. Truncation would give 1000 instead.
        Fees.NextBaseFee(1_000, 63).Should().Be(998);
        // 7 × −1 // 64 = −1; −1 // 8 = −1.
        Fees.NextBaseFee(7, 63).Should().Be(6);
    }

    [Fact]
    public void Never_goes_below_one_gwei()
    {
        Fees.NextBaseFee(1, 0).Should().Be(1);
        Fees.NextBaseFee(2, 0).Should().Be(1);
        Fees.NextBaseFee(1, 63).Should().Be(1);
    }

    [Fact]
    public void Rises_by_at_least_one_gwei_above_the_target_as_the_spec_now_says()
    {
        // 1 × 64 // 64 // 8 = 0: EIP-1559's max(delta, 1) makes it 1 (CONSENSUS.md §2)
        Fees.NextBaseFee(1, 128).Should().Be(2);
        Fees.NextBaseFee(7, 128).Should().Be(8);
        Fees.NextBaseFee(1, 65).Should().Be(2);
        Fees.NextBaseFee(1, 64).Should().Be(1);
    }

    [Fact]
    public void Saturates_at_two_to_the_63_minus_one_instead_of_overflowing()
    {
        Fees.NextBaseFee(long.MaxValue, 128).Should().Be(long.MaxValue);
        Fees.NextBaseFee(long.MaxValue, 0).Should().Be(long.MaxValue - (long.MaxValue / 8) - 1);
        Fees.NextBaseFee(ulong.MaxValue, 64).Should().Be(long.MaxValue);
    }

    [Fact]
    public void Rejects_a_zero_base_fee_and_a_negative_count()
    {
        FluentActions.Invoking(() => Fees.NextBaseFee(0, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Fees.NextBaseFee(1, -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Pays_the_tip_capped_by_max_fee_minus_base_fee()
    {
        var generous = new Transfer(Alice.PublicKey, Bob.Address, 1, 100, 5, 0, Signature.Empty);
        var capped = new Transfer(Alice.PublicKey, Bob.Address, 1, 12, 5, 0, Signature.Empty);

        Fees.TipPaid(generous, 10).Should().Be(5);
        Fees.TipPaid(capped, 10).Should().Be(2);
        Fees.TipPaid(capped, 12).Should().Be(0);
        Fees.TipPaid(capped, 20).Should().Be(0);
        Fees.FeePaid(capped, 10).Should().Be(12);
        Fees.FeePaid(generous, 10).Should().Be(15);
    }

    [Fact]
    public void Pays_no_tip_for_a_tip_or_max_fee_that_is_negative_to_a_signed_reader()
    {
        Fees.TipPaid(maxFee: 100, tip: 1UL << 63, baseFee: 10).Should().Be(0);
        Fees.TipPaid(maxFee: 1UL << 63, tip: 5, baseFee: 10).Should().Be(0);
    }

    [Fact]
    public void Splits_a_fee_into_burn_and_producer_share()
    {
        Fees.Split(baseFee: 10, maxFee: 12, tip: 5).Should().Be(new FeeSplit(10, 2, 12));
        Fees.Split(baseFee: 10, maxFee: 10, tip: 5).Should().Be(new FeeSplit(10, 0, 10));
    }

    [Fact]
    public void Charges_exits_nothing()
    {
        var exit = new Exit(0, 0, Signature.Empty);
        Fees.TipPaid(exit, 10).Should().Be(0);
        Fees.FeePaid(exit, 10).Should().Be(0);
    }
}
