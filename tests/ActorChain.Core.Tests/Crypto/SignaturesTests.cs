using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Crypto;

/// <summary><c>sign(key, domain, root)</c> and its verification (CONSENSUS.md §0 Signatures); golden family <c>signatures</c> pins 112 more.</summary>
public sealed class SignaturesTests
{
    private static readonly SigningKey Key = Keys.FromName("seed", "alice");
    private static readonly SigningKey Other = Keys.FromName("seed", "bob");
    private static readonly Hash32 Root = Sha256.Hash([1, 2, 3]);

    [Fact]
    public void Verifies_its_own_signature()
    {
        var sig = Key.Sign(Domain.Proposer, Root);
        Signatures.Verify(Key.PublicKey, Domain.Proposer, Root, sig).Should().BeTrue();
    }

    [Fact]
    public void Signs_the_hash_of_the_domain_tag_and_the_root()
    {
        var message = Signatures.SigningMessage(Domain.Attester, Root);

        message.Should().Be(Sha256.Hash([1, 0, 0, 0], Root.AsSpan()));
        Key.Sign(Domain.Attester, Root).AsSpan().ToArray().Should().Equal(Key.SignMessage(message.AsSpan()));
    }

    [Fact]
    public void Signs_a_batch_as_each_key_would_alone()
    {
        SigningKey.Request[] requests =
        [
            new(Key, Domain.Attester, Root), new(Other, Domain.Attester, Root), new(Key, Domain.Proposer, Root),
        ];
        var batch = SigningKey.SignAll(requests);

        batch.Should().Equal(Key.Sign(Domain.Attester, Root), Other.Sign(Domain.Attester, Root), Key.Sign(Domain.Proposer, Root));
        Signatures.Verify(Other.PublicKey, Domain.Attester, Root, batch[1]).Should().BeTrue();
    }

    [Fact]
    public void Signs_an_empty_batch()
    {
        SigningKey.SignAll([]).Should().BeEmpty();
    }

    [Fact]
    public void Signs_deterministically()
    {
        Key.Sign(Domain.Randao, Root).Should().Be(Key.Sign(Domain.Randao, Root));
    }

    [Fact]
    public void Rejects_a_signature_under_another_domain()
    {
        var sig = Key.Sign(Domain.Tx, Root);
        foreach (var d in Enum.GetValues<Domain>())
        {
            Signatures.Verify(Key.PublicKey, d, Root, sig).Should().Be(d == Domain.Tx, d.ToString());
        }
    }

    [Fact]
    public void Rejects_a_signature_of_another_root()
    {
        var sig = Key.Sign(Domain.Tx, Root);
        Signatures.Verify(Key.PublicKey, Domain.Tx, Sha256.Hash([9]), sig).Should().BeFalse();
    }

    [Fact]
    public void Rejects_a_signature_by_another_key()
    {
        var sig = Other.Sign(Domain.Tx, Root);
        Signatures.Verify(Key.PublicKey, Domain.Tx, Root, sig).Should().BeFalse();
    }

    [Fact]
    public void Rejects_every_tampered_signature_bit()
    {
        var sig = Key.Sign(Domain.Tx, Root).ToArray();
        for (var bit = 0; bit < 512; bit += 5)
        {
            var tampered = (byte[])sig.Clone();
            tampered[bit >> 3] ^= (byte)(1 << (bit & 7));
            Signatures.Verify(Key.PublicKey, Domain.Tx, Root, new Signature(tampered)).Should().BeFalse($"bit {bit}");
        }
    }

    [Fact]
    public void Rejects_the_empty_signature()
    {
        Signatures.Verify(Key.PublicKey, Domain.Tx, Root, Signature.Empty).Should().BeFalse();
        Signatures.Verify(Key.PublicKey, Domain.Tx, Root, default).Should().BeFalse();
    }

    [Fact]
    public void Rejects_garbage_public_keys_without_throwing()
    {
        var sig = Key.Sign(Domain.Tx, Root);
        Signatures.Verify(new PubKey(Enumerable.Repeat((byte)0xff, 32).ToArray()), Domain.Tx, Root, sig).Should().BeFalse();
        Signatures.Verify(PubKey.Zero, Domain.Tx, Root, sig).Should().BeFalse();
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[32];
            random.NextBytes(garbage);
            Signatures.Verify(new PubKey(garbage), Domain.Tx, Root, sig).Should().BeFalse();
        }
    }

    [Fact]
    public void Tags_domains_with_their_four_bytes()
    {
        Domain.Proposer.Tag().Should().Equal(0, 0, 0, 0);
        Domain.Attester.Tag().Should().Equal(1, 0, 0, 0);
        Domain.Randao.Tag().Should().Equal(2, 0, 0, 0);
        Domain.Tx.Tag().Should().Equal(0x10, 0, 0, 0);
        Domain.Pow.Tag().Should().Equal(0x20, 0, 0, 0);
    }
}
