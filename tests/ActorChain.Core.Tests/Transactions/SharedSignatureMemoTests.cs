using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class SharedSignatureMemoTests
{
    private static readonly Hash32 Root = Sha256.Hash("root"u8);
    private static readonly Signature Sig = Alice.Sign(Domain.Attester, Root);

    [Fact]
    public void Answers_exactly_like_direct_verification()
    {
        var shared = SignatureCheck.Shared;
        for (var i = 0; i < 2; i++)
        {
            shared.Verify(Alice.PublicKey, Domain.Attester, Root, Sig).Should().BeTrue();
            shared.Verify(Bob.PublicKey, Domain.Attester, Root, Sig).Should().BeFalse();
            shared.Verify(Alice.PublicKey, Domain.Proposer, Root, Sig).Should().BeFalse();
            shared.Verify(Alice.PublicKey, Domain.Attester, Hash32.Zero, Sig).Should().BeFalse();
            shared.Verify(Alice.PublicKey, Domain.Attester, Root, Signature.Empty).Should().BeFalse();
        }

        var tx = Transfer.Sign(Alice, Bob.Address, 1, 1, 0, 0);
        shared.Verify(tx, Alice.PublicKey).Should().BeTrue();
        shared.Verify(tx, Bob.PublicKey).Should().BeFalse();
        SignatureCheck.Shared.Should().BeSameAs(shared);
    }

    [Fact]
    public void Memoizes_across_cached_and_direct_checks_too()
    {
        var cached = SignatureCheck.Cached(2);
        cached.Verify(Alice.PublicKey, Domain.Attester, Root, Sig).Should().BeTrue();
        cached.Verify(Alice.PublicKey, Domain.Attester, Root, Sig).Should().BeTrue();
        cached.Verify(Bob.PublicKey, Domain.Attester, Root, Sig).Should().BeFalse();
        SignatureCheck.Direct.Verify(Alice.PublicKey, Domain.Attester, Root, Sig).Should().BeTrue();
    }

    [Fact]
    public void Stays_within_two_generations()
    {
        var memo = new SharedSignatureMemo(4);
        for (var i = 0; i < 20; i++)
        {
            var root = Sha256.Hash([(byte)i]);
            memo.Verify(Alice.PublicKey, Domain.Attester, root, Alice.Sign(Domain.Attester, root)).Should().BeTrue();
            memo.Count.Should().BeLessThanOrEqualTo(8);
        }
    }

    [Fact]
    public void Keeps_a_recently_used_entry_across_a_generation_swap()
    {
        var memo = new SharedSignatureMemo(2);
        var roots = Enumerable.Range(0, 4).Select(i => Sha256.Hash([(byte)i, 3])).ToArray();
        var sigs = roots.Select(r => Alice.Sign(Domain.Attester, r)).ToArray();
        memo.Record(Alice.PublicKey, Domain.Attester, roots[0], sigs[0]);
        memo.Record(Alice.PublicKey, Domain.Attester, roots[1], sigs[1]); // young full: it becomes old
        memo.Verify(Alice.PublicKey, Domain.Attester, roots[0], sigs[0]).Should().BeTrue(); // copied to young
        memo.Record(Alice.PublicKey, Domain.Attester, roots[2], sigs[2]); // young full again: {0, 2} becomes old

        memo.Holds(Alice.PublicKey, Domain.Attester, roots[0], sigs[0]).Should().BeTrue();
        memo.Holds(Alice.PublicKey, Domain.Attester, roots[1], sigs[1]).Should().BeFalse();
    }

    [Fact]
    public async Task Is_safe_to_share_between_threads()
    {
        var memo = new SharedSignatureMemo(8);
        var roots = Enumerable.Range(0, 16).Select(i => Sha256.Hash([(byte)i, 1])).ToArray();
        var sigs = roots.Select(r => Alice.Sign(Domain.Attester, r)).ToArray();

        var jobs = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var all = true;
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < roots.Length; i++)
                {
                    all &= memo.Verify(Alice.PublicKey, Domain.Attester, roots[i], sigs[i]);
                    all &= !memo.Verify(Bob.PublicKey, Domain.Attester, roots[i], sigs[i]);
                }
            }

            return all;
        }));

        (await Task.WhenAll(jobs)).Should().AllBeEquivalentTo(true);
        memo.Count.Should().BeLessThanOrEqualTo(16);
    }

    [Fact]
    public void Records_every_transaction_signature_this_process_makes()
    {
        var tx = Transfer.Sign(Carol, Dave.Address, 7, 1, 0, 0);

        SharedSignatureMemo.Instance.Holds(Carol.PublicKey, Domain.Tx, tx.SigningRoot, tx.Sig).Should().BeTrue();
        SignatureCheck.Shared.Verify(tx, Carol.PublicKey).Should().BeTrue();
    }

    [Fact]
    public void Records_only_the_exact_tuple_it_is_told_of()
    {
        var root = Sha256.Hash("recorded"u8);
        var sig = Carol.Sign(Domain.Randao, root);
        SignatureCheck.RecordValid(Carol.PublicKey, Domain.Randao, root, sig);

        SharedSignatureMemo.Instance.Holds(Carol.PublicKey, Domain.Randao, root, sig).Should().BeTrue();
        SignatureCheck.Shared.Verify(Carol.PublicKey, Domain.Randao, root, sig).Should().BeTrue();
        // Only that exact tuple: the same signature under another key or domain is still checked, and fails.
        SharedSignatureMemo.Instance.Holds(Dave.PublicKey, Domain.Randao, root, sig).Should().BeFalse();
        SignatureCheck.Shared.Verify(Dave.PublicKey, Domain.Randao, root, sig).Should().BeFalse();
        SignatureCheck.Shared.Verify(Carol.PublicKey, Domain.Proposer, root, sig).Should().BeFalse();
    }

    [Fact]
    public void Keeps_recorded_signatures_within_two_generations()
    {
        var memo = new SharedSignatureMemo(4);
        for (var i = 0; i < 20; i++)
        {
            var root = Sha256.Hash([(byte)i, 9]);
            var sig = Dave.Sign(Domain.Attester, root);
            memo.Record(Dave.PublicKey, Domain.Attester, root, sig);
            memo.Record(Dave.PublicKey, Domain.Attester, root, sig);
            memo.Holds(Dave.PublicKey, Domain.Attester, root, sig).Should().BeTrue();
            memo.Count.Should().BeLessThanOrEqualTo(8);
        }
    }

    [Fact]
    public void Rejects_a_non_positive_generation_capacity() =>
        FluentActions.Invoking(() => new SharedSignatureMemo(0)).Should().Throw<ArgumentOutOfRangeException>();
}
