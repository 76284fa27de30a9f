using System.Buffers.Binary;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class ProposersTests
{
    private static readonly ConsensusConfig Ethereum = ConsensusConfig.Minimal;
    private static readonly ConsensusConfig Roulette = ConsensusConfig.Minimal.WithOverride("PROPOSER_SELECTION", "roulette");

    private static Hash32 Ps(BeaconState s, ulong slot, ConsensusConfig c)
    {
        var slotBytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(slotBytes, slot);
        return Sha256.Hash(Seeds.Seed(s, c.EpochOf(slot), Domain.Proposer, c).AsSpan(), slotBytes);
    }

    /// <summary>Validator 1's share of 100,000 slots, each epoch with its own RANDAO mix, in parts per 100,000.</summary>
    private static int ShareOfSecond(ConsensusConfig c)
    {
        var s = TestStates.State(c, 0, 100, 200);
        var count = new int[2];
        for (ulong slot = 0; slot < 100_000; slot++)
        {
            var epoch = c.EpochOf(slot);
            s.Slot = slot;
            s.SetRandaoMixAt(Seeds.MixIndex(epoch + 62, c), TestStates.Hash($"epoch-{epoch}"));
            count[Proposers.BeaconProposerIndex(s, slot, c)!.Value]++;
        }

        (count[0] + count[1]).Should().Be(100_000);
        return count[1];
    }

    [Fact]
    public void Picks_proposers_in_proportion_to_stake_the_ethereum_way()
    {
        var share = ShareOfSecond(Ethereum);
        share.Should().BeInRange(66_000, 67_334); // 2/3 within 1 %
        // Exactly, two candidates alternate with acceptance p0 = 100/2048, p1 = 200/2048: validator 0 wins with
        // P0 = p0 / (1 − (1 − p0)(1 − p1)) when it comes first and (1 − p1) × P0 otherwise, so validator 1's share is
        // 1 − (P0 + (1 − p1) P0) / 2 = 0.67228: the loop is proportional only up to this small-set bias.
        share.Should().BeInRange(66_892, 67_564); // 0.67228 within 0.5 %
    }

    [Fact]
    public void Picks_proposers_in_proportion_to_stake_by_roulette() =>
        ShareOfSecond(Roulette).Should().BeInRange(66_000, 67_334);

    [Fact]
    public void Spins_the_roulette_with_the_first_eight_bytes_of_the_slot_seed()
    {
        var s = TestStates.State(Roulette, 5, 100, 200, 300);
        var r = Ps(s, 5, Roulette).FirstU64Le() % Units.Coins(600);
        var expected = r < Units.Coins(100) ? 0 : r < Units.Coins(300) ? 1 : 2;
        Proposers.BeaconProposerIndex(s, 5, Roulette).Should().Be(expected);
        Proposers.ProposerSeed(s, 5, Roulette).Should().Be(Ps(s, 5, Roulette));
    }

    [Fact]
    public void Accepts_the_first_shuffled_candidate_when_everyone_holds_the_maximum()
    {
        var s = TestStates.Uniform(Ethereum, 13, 10, 2048);
        for (ulong slot = 8; slot < 16; slot++)
        {
            var first = (int)Shuffling.ComputeShuffledIndex(0, 10, Ps(s, slot, Ethereum), Ethereum.ShuffleRoundCount);
            Proposers.BeaconProposerIndex(s, slot, Ethereum).Should().Be(first, $"slot {slot}");
        }
    }

    [Fact]
    public void Draws_only_from_validators_active_in_the_slots_epoch()
    {
        var s = TestStates.Uniform(Ethereum, 13, 5, 32);
        for (var i = 0; i < 4; i++)
        {
            s.SetValidator(i, s.Validators[i] with { ExitEpoch = 1 });
        }

        Proposers.BeaconProposerIndex(s, 13, Ethereum).Should().Be(4);
        Proposers.BeaconProposerIndex(s, 13, Roulette).Should().Be(4);
    }

    [Fact]
    public void Has_no_proposer_without_an_active_validator_or_without_effective_stake()
    {
        var s = TestStates.Uniform(Ethereum, 13, 3, 32);
        for (var i = 0; i < 3; i++)
        {
            s.SetValidator(i, s.Validators[i] with { EffectiveBalance = 0 });
        }

        Proposers.BeaconProposerIndex(s, 13, Ethereum).Should().BeNull("no effective stake");
        Proposers.BeaconProposerIndex(s, 13, Roulette).Should().BeNull("no effective stake");
        for (var i = 0; i < 3; i++)
        {
            s.SetValidator(i, s.Validators[i] with { ExitEpoch = 1 });
        }

        Proposers.BeaconProposerIndex(s, 13, Ethereum).Should().BeNull("no active validator");
    }

    [Fact]
    public void Requires_a_state_advanced_to_the_slots_epoch()
    {
        var s = TestStates.Uniform(Ethereum, 7, 4, 32);
        var early = () => Proposers.BeaconProposerIndex(s, 8, Ethereum);
        early.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*advanced*");
    }
}
