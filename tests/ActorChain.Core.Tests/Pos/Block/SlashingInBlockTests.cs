using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>CONSENSUS.md §5.4 step 4: valid evidence in a block runs slashValidator with the proposer as whistleblower.</summary>
public sealed class SlashingInBlockTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly Hash32 A = TestStates.Hash("a");
    private static readonly Hash32 B = TestStates.Hash("b");

    private static int NotProposer(int proposer) => proposer == 3 ? 4 : 3;

    private static ProducedBlock ProduceWith(BeaconState genesis, ConsensusConfig c, ProposerSlashing[] ps,
        AttesterSlashing[] @as)
    {
        var proposer = ProposerAt(genesis, 1, c);
        return BlockProduction.Produce(genesis, 1, proposer, KeyOf(genesis, (ulong)proposer), [], ps, @as, [], c,
            SignatureCheck.Direct);
    }

    private static AttestationData Data(ulong source, ulong target, Hash32 head) =>
        new(target * 8, 0, head, new Checkpoint(source, A), new Checkpoint(target, A));

    private static Attestation VoteOf(int v, ulong source, ulong target, Hash32 head) =>
        Sign(KeyOf(GenesisState, (ulong)v), (ulong)v, Data(source, target, head));

    [Fact]
    public void Slashes_a_double_proposer_and_pays_the_proposer()
    {
        // effBal 32 coins: penalty 32e9 // 32 = 1e9; w = 32e9 // 512 = 62.5e6, all to the proposer (it is also the
        // whistleblower); exit at 0 + 1 + 4 = 5; withdrawable max(5 + 16, 0 + 64) = 64.
        var proposer = ProposerAt(GenesisState, 1, Minimal);
        var offender = NotProposer(proposer);
        var evidence = BlockRejectionTests.DoubleProposal(offender);

        var b1 = ProduceWith(GenesisState, Minimal, [evidence], []);
        var applied = Apply(GenesisState, b1.Block, Minimal);
        var post = applied.PostState;

        var v = post.Validators[offender];
        b1.Block.Body.ProposerSlashings.Should().Equal(evidence);
        v.Slashed.Should().BeTrue();
        v.ExitEpoch.Should().Be(5);
        v.WithdrawableEpoch.Should().Be(64);
        post.Balance(offender).Should().Be(Stake - 1_000_000_000UL);
        post.Balance(proposer).Should().Be(Stake + 62_500_000UL);
        post.SlashingsAt(0).Should().Be(Stake);
        applied.Slashings.Should().Equal(new SlashingApplied(offender, SlashingKind.DoubleProposal, 1_000_000_000UL,
            proposer, 62_500_000UL - 7_812_500UL, 7_812_500UL));
    }

    [Fact]
    public void Slashes_a_double_voter_and_a_surround_voter()
    {
        var proposer = ProposerAt(GenesisState, 1, Minimal);
        var doubleVoter = NotProposer(proposer);
        var surrounder = doubleVoter + 5;
        var doubleVote = new AttesterSlashing(VoteOf(doubleVoter, 0, 0, A), VoteOf(doubleVoter, 0, 0, B));
        var surround = new AttesterSlashing(VoteOf(surrounder, 1, 2, A), VoteOf(surrounder, 0, 3, A));

        var b1 = ProduceWith(GenesisState, Minimal, [], [doubleVote, surround]);
        var applied = Apply(GenesisState, b1.Block, Minimal);

        applied.Slashings.Select(s => (s.ValidatorIndex, s.Kind)).Should().Equal(
            (doubleVoter, SlashingKind.DoubleVote), (surrounder, SlashingKind.SurroundVote));
        applied.PostState.Validators[doubleVoter].Slashed.Should().BeTrue();
        applied.PostState.Validators[surrounder].Slashed.Should().BeTrue();
        applied.PostState.Balance(proposer).Should().Be(Stake + (2 * 62_500_000UL));
    }

    [Fact]
    public void Never_slashes_on_forged_evidence_and_leaves_it_out_when_producing()
    {
        var proposer = ProposerAt(GenesisState, 1, Minimal);
        var victim = NotProposer(proposer);
        var forged = new AttesterSlashing(VoteOf(victim, 0, 0, A), Sign(Alice, (ulong)victim, Data(0, 0, B)));
        var harmless = new AttesterSlashing(VoteOf(victim, 0, 0, A), VoteOf(victim, 0, 1, A));
        var twice = new AttesterSlashing(VoteOf(victim, 0, 0, A), VoteOf(victim, 0, 0, B));

        var b1 = ProduceWith(GenesisState, Minimal, [], [forged, harmless, twice, twice]);

        b1.Block.Body.AttesterSlashings.Should().Equal(twice);
        Apply(GenesisState, b1.Block, Minimal).Slashings.Should().HaveCount(1);
        GenesisState.Validators[victim].Slashed.Should().BeFalse();
    }

    [Fact]
    public void Tutorial_preset_takes_a_double_proposers_whole_balance_and_pays_the_whistleblower_as_usual()
    {
        // CONSENSUS.md §5.4: in the tutorial preset balance[v] = 0 (rewards included); w = 32e9 // 512 = 62.5e6 goes
        // to the proposer (also the whistleblower); the block then pays the fixed 50-coin reward.
        var tutorial = ConsensusConfig.Tutorial;
        var genesis = Genesis(16, tutorial);
        var proposer = ProposerAt(genesis, 1, tutorial);
        var offender = NotProposer(proposer);
        var evidence = BlockRejectionTests.DoubleProposal(offender);

        var b1 = ProduceWith(genesis, tutorial, [evidence], []);
        var applied = Apply(genesis, b1.Block, tutorial);

        applied.PostState.Balance(offender).Should().Be(0);
        applied.PostState.Validators[offender].Slashed.Should().BeTrue();
        applied.PostState.Balance(proposer).Should().Be(Stake + 62_500_000UL + Units.Coins(50));
        applied.Slashings.Should().ContainSingle().Which.Penalty.Should().Be(Stake);
    }

    [Fact]
    public void Tutorial_preset_confiscates_a_balance_above_the_effective_balance_too()
    {
        var tutorial = ConsensusConfig.Tutorial;
        var genesis = Genesis(16, tutorial);
        var proposer = ProposerAt(genesis, 1, tutorial);
        var voter = NotProposer(proposer);
        genesis.SetBalance(voter, Stake + 777_000_000UL); // rewards it earned, below the hysteresis threshold
        var doubleVote = new AttesterSlashing(
            Sign(KeyOf(genesis, (ulong)voter), (ulong)voter, Data(0, 0, A)),
            Sign(KeyOf(genesis, (ulong)voter), (ulong)voter, Data(0, 0, B)));

        var b1 = ProduceWith(genesis, tutorial, [], [doubleVote]);
        var applied = Apply(genesis, b1.Block, tutorial);

        applied.PostState.Balance(voter).Should().Be(0);
        applied.Slashings.Should().ContainSingle().Which.Penalty.Should().Be(Stake + 777_000_000UL);
    }
}
