using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Misc;
using CsCheck;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class ShufflingTests
{
    /// <summary>The seed bytes {42, 32} padded with zeroes to 32 bytes, as Lodestar's shuffle unit test uses them.</summary>
    private static readonly Hash32 LodestarSeed = Hash32.FromHex("2a20" + new string('0', 60));
    private static readonly Hash32 ZeroHashSeed = Sha256.Hash(new byte[32]);

    private static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    private static int[] PerIndex(int n, Hash32 seed, ulong rounds) =>
        Enumerable.Range(0, n).Select(i => (int)Shuffling.ComputeShuffledIndex((ulong)i, (ulong)n, seed, rounds)).ToArray();

    [Fact]
    public void Reproduces_the_published_Lodestar_vectors_with_ninety_rounds()
    {
        // ChainSafe/lodestar test/unit/util/shuffle.test.ts: unshuffleList (= the spec's mapping), SHUFFLE_ROUND_COUNT 90.
        int[] eight = [6, 3, 4, 0, 1, 5, 7, 2];
        int[] sixteen = [8, 4, 11, 7, 10, 6, 0, 3, 15, 12, 5, 14, 1, 9, 13, 2];
        PerIndex(8, LodestarSeed, 90).Should().Equal(eight);
        PerIndex(16, LodestarSeed, 90).Should().Equal(sixteen);
        Shuffling.ShuffleList(Identity(8), LodestarSeed, 90).Should().Equal(eight);
        Shuffling.ShuffleList(Identity(16), LodestarSeed, 90).Should().Equal(sixteen);
    }

    [Fact]
    public void Matches_a_straight_transcription_of_compute_shuffled_index_across_a_hash_block_boundary()
    {
        // Values from a line-by-line Python transcription of the spec's compute_shuffled_index, seed H(32 zero bytes).
        PerIndex(10, ZeroHashSeed, 10).Should().Equal(8, 5, 0, 1, 7, 2, 4, 3, 9, 6);
        Shuffling.ComputeShuffledIndex(0, 300, ZeroHashSeed, 10).Should().Be(130);
        Shuffling.ComputeShuffledIndex(1, 300, ZeroHashSeed, 10).Should().Be(23);
        Shuffling.ComputeShuffledIndex(255, 300, ZeroHashSeed, 10).Should().Be(76);
        Shuffling.ComputeShuffledIndex(256, 300, ZeroHashSeed, 10).Should().Be(1);
        Shuffling.ComputeShuffledIndex(299, 300, ZeroHashSeed, 10).Should().Be(275);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(513)]
    [InlineData(1000)]
    public void Is_a_bijection_that_the_whole_list_shuffle_agrees_with(int n)
    {
        var mapping = PerIndex(n, ZeroHashSeed, 90);
        Shuffling.ShuffleList(Identity(n), ZeroHashSeed, 90).Should().Equal(mapping);
        mapping.Order().Should().Equal(Identity(n));
    }

    [Fact]
    public void Is_a_permutation_agreeing_index_by_index_for_random_seeds_and_sizes()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Int[1, 600], Gen.Int[0, 20]).Sample((seedBytes, n, rounds) =>
        {
            var seed = Hash32.Wrap(seedBytes);
            var shuffled = Shuffling.ShuffleList(Identity(n), seed, (ulong)rounds);
            shuffled.Order().Should().Equal(Identity(n));
            var i = seedBytes[0] % n;
            shuffled[i].Should().Be((int)Shuffling.ComputeShuffledIndex((ulong)i, (ulong)n, seed, (ulong)rounds));
        }, iter: 60);
    }

    [Fact]
    public void Places_input_elements_at_their_shuffled_positions()
    {
        int[] input = [40, 41, 42, 43, 44, 45, 46, 47];
        Shuffling.ShuffleList(input, LodestarSeed, 90).Should().Equal(46, 43, 44, 40, 41, 45, 47, 42);
        input.Should().Equal([40, 41, 42, 43, 44, 45, 46, 47], "the input is untouched");
    }

    [Fact]
    public void Is_deterministic_and_depends_on_the_seed()
    {
        var a = Shuffling.ShuffleList(Identity(100), ZeroHashSeed, 10);
        Shuffling.ShuffleList(Identity(100), ZeroHashSeed, 10).Should().Equal(a);
        Shuffling.ShuffleList(Identity(100), LodestarSeed, 10).Should().NotEqual(a);
        a.Should().NotEqual(Identity(100));
    }

    [Fact]
    public void Leaves_the_list_alone_with_zero_rounds()
    {
        Shuffling.ShuffleList(Identity(5), ZeroHashSeed, 0).Should().Equal(0, 1, 2, 3, 4);
        Shuffling.ComputeShuffledIndex(3, 5, ZeroHashSeed, 0).Should().Be(3);
        Shuffling.ShuffleList([], ZeroHashSeed, 10).Should().BeEmpty();
    }

    [Fact]
    public void Rejects_indices_outside_the_list_and_rounds_beyond_a_byte()
    {
        var outside = () => Shuffling.ComputeShuffledIndex(5, 5, ZeroHashSeed, 10);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*out of range*");
        var empty = () => Shuffling.ComputeShuffledIndex(0, 0, ZeroHashSeed, 10);
        empty.Should().Throw<ArgumentOutOfRangeException>();
        var rounds = () => Shuffling.ShuffleList(Identity(4), ZeroHashSeed, 257);
        rounds.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SHUFFLE_ROUND_COUNT*");
    }
}
