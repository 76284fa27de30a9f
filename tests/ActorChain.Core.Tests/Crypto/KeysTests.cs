using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Crypto;

/// <summary>Keys from names (CONSENSUS.md §0 Keys); the golden family <c>keys</c> pins 86 more cases.</summary>
public sealed class KeysTests
{
    [Fact]
    public void Derives_the_same_key_from_the_same_seed_and_name()
    {
        var a = Keys.FromName("seed", "alice");
        var b = Keys.FromName("seed", "alice");

        a.PublicKey.Should().Be(b.PublicKey);
        a.Address.Should().Be(b.Address);
        Keys.FromSeed(Keys.Seed32("seed", "alice")).PublicKey.Should().Be(a.PublicKey, "the memo changes nothing");
    }

    [Fact]
    public void Derives_different_keys_for_different_names_or_chain_seeds()
    {
        var alice = Keys.FromName("seed", "alice").PublicKey;

        Keys.FromName("seed", "bob").PublicKey.Should().NotBe(alice);
        Keys.FromName("other-seed", "alice").PublicKey.Should().NotBe(alice);
    }

    [Fact]
    public void Hashes_prefix_chain_seed_and_name_into_the_seed()
    {
        var expected = Sha256.Hash(Encoding.UTF8.GetBytes("actorchain-keyseedalice")).ToArray();
        Keys.Seed32("seed", "alice").Should().Equal(expected);
        Keys.Seed32("seed"u8, "alice"u8).Should().Equal(expected);
    }

    [Fact]
    public void Hashes_non_ascii_and_nul_names_as_their_utf8_bytes()
    {
        Keys.Seed32("chaîne", "v\u00000✓").Should().Equal(Keys.Seed32("chaîne"u8, "v\00✓"u8));
        Keys.Seed32("", "").Should().Equal(Sha256.Hash("actorchain-key"u8).ToArray());
    }

    [Fact]
    public void Uses_the_seed_as_the_rfc8032_private_key()
    {
        // RFC 8032 section 7.1, TEST 1.
        var key = Keys.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        key.PublicKey.ToString().Should().Be("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    [Fact]
    public void Rejects_seeds_that_are_not_32_bytes()
    {
        var act = () => Keys.FromSeed(new byte[31]);
        act.Should().Throw<ArgumentException>().WithMessage("*31*");
    }

    [Fact]
    public void Derives_the_address_as_the_first_20_bytes_of_the_key_hash()
    {
        var key = Keys.FromName("seed", "alice").PublicKey;
        var hash = Sha256.Hash(key.AsSpan()).ToArray();

        key.Address.ToArray().Should().Equal(hash[..Address.Width]);
        Address.Of(key).Should().Be(key.Address);
    }

    [Fact]
    public void Round_trips_keys_addresses_and_signatures()
    {
        var key = Keys.FromName("seed", "alice");
        var sig = key.Sign(Domain.Tx, Sha256.Hash([1]));
        var w = new CanonicalWriter();
        key.PublicKey.WriteTo(w);
        key.Address.WriteTo(w);
        sig.WriteTo(w);
        var r = new CanonicalReader(w.ToArray());

        PubKey.Read(r).Should().Be(key.PublicKey);
        Address.Read(r).Should().Be(key.Address);
        Signature.Read(r).Should().Be(sig);
        r.AtEnd.Should().BeTrue();
        PubKey.FromHex(key.PublicKey.ToString()).Should().Be(key.PublicKey);
        Address.FromHex(key.Address.ToString()).Should().Be(key.Address);
        Signature.FromHex(sig.ToString()).Should().Be(sig);
    }

    [Fact]
    public void Does_not_leak_the_private_key_in_ToString()
    {
        var key = Keys.FromName("seed", "alice");
        key.ToString().Should().Be("SigningKey(" + key.PublicKey.ShortHex() + ")");
    }
}
