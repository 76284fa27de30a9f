using CsCheck;

namespace ActorChain.Core.Tests;

/// <summary>Units of value (CONSENSUS.md §0): gwei and coins.</summary>
public sealed class UnitsTests
{
    [Fact]
    public void Converts_whole_coins_to_gwei()
    {
        Units.GweiPerCoin.Should().Be(1_000_000_000UL);
        Units.Coins(50).Should().Be(50_000_000_000UL);
        Units.Coins(0).Should().Be(0UL);
    }

    [Fact]
    public void Refuses_coin_amounts_that_overflow()
    {
        var act = () => Units.Coins(ulong.MaxValue / 10);
        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Formats_gwei_as_coins_exactly()
    {
        Units.FormatCoins(50_000_000_000UL).Should().Be("50");
        Units.FormatCoins(1_500_000_000UL).Should().Be("1.5");
        Units.FormatCoins(1).Should().Be("0.000000001");
        Units.FormatCoins(0).Should().Be("0");
        Units.FormatCoins(250_000_000UL).Should().Be("0.25");
        Units.FormatCoins(long.MaxValue).Should().Be("9223372036.854775807");
        Units.FormatCoins(ulong.MaxValue).Should().Be("18446744073.709551615");
    }

    [Fact]
    public void Parses_decimal_coins_without_floating_point()
    {
        Units.ParseCoins("32").Should().Be(32_000_000_000UL);
        Units.ParseCoins("0.1").Should().Be(100_000_000UL);
        Units.ParseCoins(" 1.000000001 ").Should().Be(1_000_000_001UL);
        Units.ParseCoins("1.5000000000").Should().Be(1_500_000_000UL, "trailing zeroes beyond 9 decimals are exact");
        Units.ParseCoins(".5").Should().Be(500_000_000UL);
        Units.ParseCoins(Units.FormatCoins(123_456_789_012UL)).Should().Be(123_456_789_012UL);
        Units.ParseCoins("18446744073.709551615").Should().Be(ulong.MaxValue);
    }

    [Fact]
    public void Round_trips_every_amount_through_its_coin_form()
    {
        Gen.ULong.Sample(g => Units.ParseCoins(Units.FormatCoins(g)) == g);
    }

    [Theory]
    [InlineData("0.0000000001")]
    [InlineData("ten")]
    [InlineData("1e30")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("18446744073.709551616")]
    public void Rejects_coin_amounts_finer_than_one_gwei_negative_out_of_range_or_not_numbers(string text)
    {
        var act = () => Units.ParseCoins(text);
        act.Should().Throw<ArgumentException>().WithMessage($"*'{text}'*");
        Units.TryParseCoins(text, out var reason).Should().BeNull();
        reason.Should().Contain($"'{text}'");
    }
}
