using System.Collections.Immutable;
using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Forensics;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;

namespace ActorChain.Core.Tests.Pos.Forensics;

/// <summary>
/// The forensics of conflicting finality (CONSENSUS.md §7): the validators with slashable evidence, their stake, its
/// share of the total and the exact 1/3 test, evidence merged across the nodes that found it and the chains' own votes.
/// </summary>
public sealed class AccountableSafetyTests
{
    private const ulong Stake = 32_000_000_000;
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Hash32 A = H("a");
    private static readonly Hash32 B = H("b");

    private static readonly ImmutableArray<FinalityConflict> Conflict =
        [new FinalityConflict(new FinalizedCheckpoint(3, A, [0]), new FinalizedCheckpoint(3, B, [1]))];

    private static Hash32 H(string s) => Sha256.Hash(Encoding.UTF8.GetBytes(s));

    private static List<ValidatorStake> Validators(int n) => [.. Enumerable.Range(0, n).Select(i => new ValidatorStake((ulong)i, "v" + i, Stake))];

    private static AttestationData Vote(ulong source, ulong target, Hash32 root) =>
        new(target * 8, 0, root, new Checkpoint(source, H("s" + source)), new Checkpoint(target, root));

    private static Attestation Signed(ulong v, AttestationData d) => new(v, d, Signature.Empty);

    [Fact]
    public void Is_null_without_conflicting_finality()
    {
        AccountableSafety.Analyze([], Validators(4), [new EvidenceSighting(0, 1, Vote(1, 2, A), Vote(1, 2, B), true)], [], C)
            .Should().BeNull();
    }

    [Fact]
    public void Names_double_voters_with_their_stake_share_and_the_nodes_that_found_them()
    {
        EvidenceSighting[] sightings =
        [
            new(0, 4, Vote(2, 3, A), Vote(2, 3, B), OwnSlasher: true),
            new(1, 4, Vote(2, 3, B), Vote(2, 3, A), OwnSlasher: true),   // the same pair, the other way round
            new(1, 1, Vote(2, 3, A), Vote(2, 3, B), OwnSlasher: true),
            new(0, 1, Vote(2, 3, A), Vote(2, 3, B), OwnSlasher: false),  // node 0 got node 1's evidence by gossip
            new(0, 7, Vote(2, 3, A), Vote(2, 3, B), OwnSlasher: true),
        ];

        var r = AccountableSafety.Analyze(Conflict, Validators(12), sightings, [], C)!;

        r.Conflicts.Should().Equal(Conflict);
        r.Slashable.Select(v => v.Name).Should().Equal("v1", "v4", "v7");
        r.Slashable[1].Evidence.Should().ContainSingle().Which.FoundBy.Should().Equal(0, 1);
        r.Slashable[0].Evidence.Should().ContainSingle().Which.FoundBy.Should().Equal(1);
        r.Slashable.Should().AllSatisfy(v => v.Evidence.Should().AllSatisfy(e => e.Kind.Should().Be(SlashingKind.DoubleVote)));
        r.Slashable.Should().AllSatisfy(v => v.Stake.Should().Be(Stake));
        r.SlashableStake.Should().Be(3 * Stake);
        r.TotalStake.Should().Be(12 * Stake);
        r.StakeShare.Should().Be(0.25m);
        r.ReachesOneThird.Should().BeFalse("3 of 12 is a quarter");
    }

    [Fact]
    public void Tests_one_third_exactly_in_integers()
    {
        AccountableSafety.ReachesOneThird(4, 12).Should().BeTrue();
        AccountableSafety.ReachesOneThird(3, 10).Should().BeFalse();
        AccountableSafety.ReachesOneThird(333_333_333_334, 1_000_000_000_000).Should().BeTrue();
        AccountableSafety.ReachesOneThird(333_333_333_333, 1_000_000_000_000).Should().BeFalse();
        AccountableSafety.ReachesOneThird(ulong.MaxValue, ulong.MaxValue).Should().BeTrue("no overflow");
        AccountableSafety.Share(5, 12).Should().Be(0.4167m);
        AccountableSafety.Share(1, 3).Should().Be(0.3333m);
        AccountableSafety.Share(0, 0).Should().Be(0m);
    }

    [Fact]
    public void Finds_a_surround_vote_in_the_chains_votes_and_drops_sightings_that_prove_nothing()
    {
        // v2 votes 1 → 4 on one chain and 2 → 3 on the other: 1→4 surrounds 2→3. v3 votes honestly on one chain only.
        Attestation[] chainVotes = [Signed(2, Vote(1, 4, A)), Signed(3, Vote(1, 2, A)), Signed(3, Vote(2, 3, A)), Signed(2, Vote(2, 3, B))];
        EvidenceSighting[] sightings = [new(0, 5, Vote(1, 2, A), Vote(2, 3, A), true)]; // consecutive votes: not slashable

        var r = AccountableSafety.Analyze(Conflict, Validators(6), sightings, chainVotes, C)!;

        var v2 = r.Slashable.Should().ContainSingle().Subject;
        v2.Name.Should().Be("v2");
        var e = v2.Evidence.Should().ContainSingle().Subject;
        e.Kind.Should().Be(SlashingKind.SurroundVote);
        e.FoundBy.Should().BeEmpty("only the cross-check of the chains' votes found it");
        e.First.Target.Epoch.Should().Be(3, "the pair is written earlier target first");
        r.ReachesOneThird.Should().BeFalse();
        r.StakeShare.Should().Be(0.1667m);
    }

    [Fact]
    public void Gives_the_same_report_whatever_order_the_evidence_arrives_in()
    {
        var sightings = Enumerable.Range(0, 5)
            .SelectMany(v => new[] { new EvidenceSighting(v % 2, (ulong)v, Vote(2, 3, A), Vote(2, 3, B), true), new EvidenceSighting(1 - v % 2, (ulong)v, Vote(1, 4, H("x" + v)), Vote(2, 3, A), true) })
            .ToList();

        var forward = AccountableSafety.Analyze(Conflict, Validators(12), sightings, [], C)!;
        var backward = AccountableSafety.Analyze(Conflict, Validators(12), Enumerable.Reverse(sightings), [], C)!;

        backward.Slashable.Should().BeEquivalentTo(forward.Slashable, o => o.WithStrictOrdering());
        forward.Slashable.Should().HaveCount(5).And.AllSatisfy(v => v.Evidence.Select(x => x.Kind).Should().Equal(SlashingKind.DoubleVote, SlashingKind.SurroundVote));
        forward.ReachesOneThird.Should().BeTrue("5 of 12");
        forward.StakeShare.Should().Be(0.4167m);
    }
}
