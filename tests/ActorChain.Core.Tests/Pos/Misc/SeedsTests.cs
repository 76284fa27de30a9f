using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class SeedsTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;

    [Fact]
    public void Reads_the_mix_of_an_epoch_modulo_the_vector()
    {
        var s = TestStates.Uniform(C, 40, 1, 32);
        Seeds.RandaoMix(s, 5, C).Should().Be(TestStates.Mix(5));
        Seeds.RandaoMix(s, 69, C).Should().Be(TestStates.Mix(5));
    }

    [Fact]
    public void Hashes_domain_epoch_and_the_mix_from_min_seed_lookahead_plus_one_epochs_before()
    {
        var s = TestStates.Uniform(C, 40, 1, 32);
        byte[] input = [1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, .. TestStates.Mix(3).ToArray()]; // (5 + 64 − 1 − 1) % 64 = 3
        Seeds.Seed(s, 5, Domain.Attester, C).Should().Be(Sha256.Hash(input));
        Seeds.Seed(s, 5, Domain.Proposer, C).Should().NotBe(Seeds.Seed(s, 5, Domain.Attester, C));
    }

    [Fact]
    public void Wraps_to_the_end_of_the_vector_for_the_first_epochs()
    {
        var s = TestStates.Uniform(C, 0, 1, 32);
        byte[] input = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. TestStates.Mix(62).ToArray()];
        Seeds.Seed(s, 0, Domain.Proposer, C).Should().Be(Sha256.Hash(input));
    }
}
