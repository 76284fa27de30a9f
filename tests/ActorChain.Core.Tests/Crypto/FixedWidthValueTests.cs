using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Crypto;

/// <summary><see cref="PubKey"/>, <see cref="Signature"/> and <see cref="Address"/>: values equal by content, all zero by default.</summary>
public sealed class FixedWidthValueTests
{
    [Fact]
    public void Defaults_are_all_zero_and_equal_to_the_named_zero()
    {
        default(PubKey).Should().Be(PubKey.Zero);
        default(Signature).Should().Be(Signature.Empty);
        default(Address).Should().Be(Address.Zero);
        Signature.Empty.AsSpan().ToArray().Should().Equal(new byte[64]);
        Address.Zero.ToString().Should().Be(new string('0', 40));
        Canonical.Encode(default(PubKey)).Should().HaveCount(32);
    }

    [Fact]
    public void Rejects_the_wrong_width()
    {
        var act = () => new PubKey(new byte[31]);
        act.Should().Throw<ArgumentException>().WithMessage("*PubKey needs 32 bytes, got 31*");
        var act2 = () => Signature.Wrap(new byte[32]);
        act2.Should().Throw<ArgumentException>().WithMessage("*Signature needs 64 bytes, got 32*");
        Address.TryFromHex("00", out _).Should().BeFalse();
        var act3 = () => Address.FromHex("zz");
        act3.Should().Throw<FormatException>();
    }

    [Fact]
    public void Orders_addresses_as_unsigned_numbers()
    {
        var low = Address.FromHex("7f" + new string('f', 38));
        var high = Address.FromHex("80" + new string('0', 38));
        (low < high).Should().BeTrue();
        new[] { high, low, Address.Zero }.Order().Should().Equal(Address.Zero, low, high);
    }
}
