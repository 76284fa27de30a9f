using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class SignatureCheckTests
{
    private static readonly Transfer Tx = Transfer.Sign(Alice, Bob.Address, 1, 1, 0, 0);

    /// <summary>Counts the verifications that reach the real check, to see what the cache saves.</summary>
    private sealed class Counting : SignatureCheck
    {
        public List<PubKey> Calls { get; } = [];

        public override bool Verify(Transaction tx, PubKey signer)
        {
            Calls.Add(signer);
            return Direct.Verify(tx, signer);
        }
    }

    [Fact]
    public void Verifies_directly()
    {
        SignatureCheck.Direct.Verify(Tx, Alice.PublicKey).Should().BeTrue();
        SignatureCheck.Direct.Verify(Tx, Bob.PublicKey).Should().BeFalse();
        SignatureCheck.Direct.Verify(Tx with { Sig = Signature.Empty }, Alice.PublicKey).Should().BeFalse();
    }

    [Fact]
    public void Answers_like_the_direct_check_when_cached()
    {
        var cached = SignatureCheck.Cached(4);
        for (var i = 0; i < 3; i++)
        {
            cached.Verify(Tx, Alice.PublicKey).Should().BeTrue();
            cached.Verify(Tx, Bob.PublicKey).Should().BeFalse();
            cached.Verify(Tx with { Sig = Signature.Empty }, Alice.PublicKey).Should().BeFalse();
        }
    }

    [Fact]
    public void Keys_the_cache_by_signer_so_an_exit_is_rechecked_for_another_key()
    {
        var exit = Exit.Sign(Validator0, 0, 0);
        var cached = SignatureCheck.Cached(4);
        cached.Verify(exit, Validator0.PublicKey).Should().BeTrue();
        cached.Verify(exit, Validator1.PublicKey).Should().BeFalse();
    }

    [Fact]
    public void Skips_repeated_verification_through_the_cache()
    {
        var counting = new Counting();
        var cached = new CachedSignatureCheck(2, counting);
        cached.Verify(Tx, Alice.PublicKey);
        cached.Verify(Tx, Alice.PublicKey);
        cached.Verify(Tx, Bob.PublicKey);
        cached.Verify(Tx, Bob.PublicKey);

        counting.Calls.Should().Equal(Alice.PublicKey, Bob.PublicKey, Bob.PublicKey);
    }

    [Fact]
    public void Forgets_the_least_recently_used_signature_beyond_its_capacity()
    {
        var counting = new Counting();
        var cached = new CachedSignatureCheck(2, counting);
        var a = Transfer.Sign(Alice, Bob.Address, 1, 1, 0, 0);
        var b = Transfer.Sign(Alice, Bob.Address, 2, 1, 0, 0);
        var c = Transfer.Sign(Alice, Bob.Address, 3, 1, 0, 0);
        cached.Verify(a, Alice.PublicKey);
        cached.Verify(b, Alice.PublicKey);
        cached.Verify(a, Alice.PublicKey); // a is now the most recent
        cached.Verify(c, Alice.PublicKey); // evicts b
        cached.Verify(a, Alice.PublicKey);
        cached.Verify(b, Alice.PublicKey);

        counting.Calls.Should().HaveCount(4, "a, b, c, then b again after its eviction");
    }

    [Fact]
    public void Caches_any_domain_as_the_direct_check_answers()
    {
        var root = Sha256.Hash("cached"u8);
        var sig = Alice.Sign(Domain.Attester, root);
        var cached = SignatureCheck.Cached(2);
        for (var i = 0; i < 2; i++)
        {
            cached.Verify(Alice.PublicKey, Domain.Attester, root, sig).Should().BeTrue();
            cached.Verify(Alice.PublicKey, Domain.Proposer, root, sig).Should().BeFalse();
        }
    }

    [Fact]
    public void Rejects_a_non_positive_capacity() =>
        FluentActions.Invoking(() => SignatureCheck.Cached(0)).Should().Throw<ArgumentOutOfRangeException>();
}
