using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Tests.Pos.Misc;

public sealed class CommitteesTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;

    /// <summary>§5.1's committee, index by index with ComputeShuffledIndex: the reference the cached path must match.</summary>
    private static int[] SpecCommittee(BeaconState s, ulong slot, ulong index, ConsensusConfig c)
    {
        var epoch = c.EpochOf(slot);
        var a = Accessors.ActiveValidatorIndices(s, epoch);
        var seed = Seeds.Seed(s, epoch, Domain.Attester, c);
        var n = (ulong)a.Length;
        var perSlot = Math.Max(1, Math.Min(c.MaxCommitteesPerSlot, n / c.SlotsPerEpoch / c.TargetCommitteeSize));
        var count = perSlot * c.SlotsPerEpoch;
        var k = (slot % c.SlotsPerEpoch * perSlot) + index;
        var start = n * k / count;
        var end = n * (k + 1) / count;
        var committee = new List<int>();
        for (var i = start; i < end; i++)
        {
            committee.Add(a[(int)Shuffling.ComputeShuffledIndex(i, n, seed, c.ShuffleRoundCount)]);
        }

        return [.. committee];
    }

    private static List<int[]> AllCommittees(BeaconState s, ulong epoch, ConsensusConfig c)
    {
        var all = new List<int[]>();
        var perSlot = Committees.CommitteesPerSlot(s, epoch, c);
        for (var slot = c.StartSlot(epoch); slot < c.StartSlot(epoch + 1); slot++)
        {
            for (ulong i = 0; i < perSlot; i++)
            {
                all.Add(Committees.BeaconCommittee(s, slot, i, c).ToArray());
            }
        }

        return all;
    }

    [Fact]
    public void Sizes_committees_per_slot_between_one_and_the_maximum()
    {
        Committees.CommitteesPerSlot(16, C).Should().Be(1); // 16 // 8 // 4 = 0
        Committees.CommitteesPerSlot(64, C).Should().Be(2);
        Committees.CommitteesPerSlot(128, C).Should().Be(4);
        Committees.CommitteesPerSlot(1000, C).Should().Be(4);
        Committees.CommitteesPerSlot(TestStates.Uniform(C, 87, 100, 32), 10, C).Should().Be(3);
    }

    [Fact]
    public void Seats_every_active_validator_in_exactly_one_committee_per_epoch()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        s.SetValidator(5, s.Validators[5] with { ExitEpoch = 10 });
        var seated = AllCommittees(s, 10, C).SelectMany(x => x).Order().ToArray();
        seated.Should().Equal(Accessors.ActiveValidatorIndices(s, 10));
        seated.Should().HaveCount(99).And.NotContain(5);
    }

    [Fact]
    public void Matches_the_spec_formula_index_by_index()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        for (ulong slot = 80; slot < 88; slot++)
        {
            for (ulong i = 0; i < 3; i++)
            {
                Committees.BeaconCommittee(s, slot, i, C).ToArray().Should().Equal(SpecCommittee(s, slot, i, C), $"slot {slot} committee {i}");
            }
        }

        var mainnet = ConsensusConfig.Mainnet;
        var big = TestStates.Uniform(mainnet, 40, 300, 32);
        Committees.BeaconCommittee(big, 37, 0, mainnet).ToArray().Should().Equal(SpecCommittee(big, 37, 0, mainnet));
    }

    [Fact]
    public void Rejects_a_committee_index_beyond_those_of_the_slot()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        var beyond = () => Committees.BeaconCommittee(s, 85, 3, C).ToArray();
        beyond.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*3 committees per slot*");
    }

    [Fact]
    public void Looks_up_untrusted_committee_coordinates_without_throwing()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        var shuffling = Committees.Shuffling(s, 10, C);
        shuffling.TryGetCommittee(85, 2, out var committee).Should().BeTrue();
        committee.ToArray().Should().Equal(SpecCommittee(s, 85, 2, C));
        shuffling.TryGetCommittee(85, 3, out var none).Should().BeFalse("3 committees per slot");
        none.IsEmpty.Should().BeTrue();
        shuffling.TryGetCommittee(88, 0, out _).Should().BeFalse("slot 88 is in epoch 11");
    }

    [Fact]
    public void Finds_each_validators_duty_where_the_committee_lists_it()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        s.SetValidator(7, s.Validators[7] with { ActivationEpoch = 11 });
        for (var v = 0; v < 100; v++)
        {
            var duty = Committees.CommitteeOf(s, 10, v, C);
            if (v == 7)
            {
                duty.Should().BeNull();
                continue;
            }

            var a = duty!.Value;
            C.EpochOf(a.Slot).Should().Be(10);
            Committees.BeaconCommittee(s, a.Slot, a.CommitteeIndex, C)[a.Position].Should().Be(v);
        }

        Committees.CommitteeOf(s, 11, 7, C).Should().NotBeNull();
        Committees.CommitteeOf(s, 10, 100, C).Should().BeNull("the index is unknown");
        var tooLate = () => Committees.CommitteeOf(s, 12, 0, C);
        tooLate.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Reuses_the_epoch_shuffling_but_never_a_stale_one()
    {
        var s = TestStates.Uniform(C, 87, 100, 32);
        Committees.Shuffling(s, 10, C).Should().BeSameAs(Committees.Shuffling(s.Copy(), 10, C));

        var changed = s.Copy();
        changed.SetValidator(0, changed.Validators[0] with { ExitEpoch = 10 }); // same seed, another active set
        Committees.Shuffling(changed, 10, C).Should().NotBeSameAs(Committees.Shuffling(s, 10, C));
        Committees.BeaconCommittee(changed, 84, 1, C).ToArray().Should().Equal(SpecCommittee(changed, 84, 1, C));

        var moreRounds = C.WithOverride("SHUFFLE_ROUND_COUNT", 20); // same seed and set, other constants
        Committees.BeaconCommittee(s, 84, 1, moreRounds).ToArray().Should().Equal(SpecCommittee(s, 84, 1, moreRounds));
        Committees.BeaconCommittee(s, 84, 1, C).ToArray().Should().Equal(SpecCommittee(s, 84, 1, C));
        Committees.CachedShufflings.Should().BeLessThanOrEqualTo(Committees.CacheCapacity);
    }

    [Fact]
    public async Task Gives_every_thread_the_same_committees()
    {
        var s = TestStates.Uniform(C, (8 * 2000) + 3, 200, 32); // an epoch no other test uses
        var expected = new List<int[]>();
        for (ulong slot = 16000; slot < 16008; slot++)
        {
            for (ulong i = 0; i < 4; i++)
            {
                expected.Add(SpecCommittee(s, slot, i, C));
            }
        }

        var copies = Enumerable.Range(0, 8).Select(_ => s.Copy()).ToList();
        var results = await Task.WhenAll(copies.Select(copy => Task.Run(() => AllCommittees(copy, 2000, C))));
        foreach (var got in results)
        {
            got.Should().HaveCount(expected.Count);
            for (var k = 0; k < got.Count; k++)
            {
                got[k].Should().Equal(expected[k]);
            }
        }
    }
}
