using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;
using static ActorChain.Core.Tests.Pos.Slashing.SlashingRulesTests;

namespace ActorChain.Core.Tests.Pos.Slashing;

/// <summary>CONSENSUS.md §6: double proposals, double votes and surround votes in either order become evidence, once.</summary>
public sealed class SlasherTests
{
    private readonly Slasher _slasher = new(Minimal);

    [Fact]
    public void Turns_a_second_header_at_the_same_slot_into_evidence()
    {
        var first = Header(3, 9, A, Key(3));
        var second = Header(3, 9, B, Key(3));

        _slasher.OnHeader(first).Should().BeNull();
        _slasher.OnHeader(first).Should().BeNull();
        _slasher.OnHeader(Header(3, 10, B, Key(3))).Should().BeNull();
        var evidence = _slasher.OnHeader(second);

        evidence.Should().Be(new ProposerSlashing(first, second));
        SlashingRules.ValidateProposerSlashing(Genesis(16, Minimal), evidence!, Minimal, SignatureCheck.Direct).Should().BeNull();
        _slasher.Offenders.Should().Equal(3UL);
    }

    [Fact]
    public void Finds_a_double_vote_whichever_arrives_first()
    {
        var x = Signed(5, Vote(0, 1, A));
        var y = Signed(5, Vote(0, 1, B));

        _slasher.OnAttestation(x).Should().BeNull();
        _slasher.OnAttestation(x).Should().BeNull();
        _slasher.OnAttestation(y).Should().Be(new AttesterSlashing(x, y));

        var other = new Slasher(Minimal);
        other.OnAttestation(y).Should().BeNull();
        other.OnAttestation(x).Should().Be(new AttesterSlashing(y, x));
    }

    [Fact]
    public void Finds_a_new_vote_that_surrounds_an_old_one()
    {
        var inner = Signed(5, Vote(2, 3, A));
        var outer = Signed(5, Vote(1, 4, A));

        _slasher.OnAttestation(inner).Should().BeNull();
        var evidence = _slasher.OnAttestation(outer);

        evidence.Should().Be(new AttesterSlashing(outer, inner));
        SlashingRules.IsSlashableAttestationData(evidence!.A1.Data, evidence.A2.Data).Should().BeTrue();
    }

    [Fact]
    public void Finds_a_new_vote_surrounded_by_an_old_one()
    {
        var outer = Signed(5, Vote(1, 4, A));
        var inner = Signed(5, Vote(2, 3, A));

        _slasher.OnAttestation(outer).Should().BeNull();

        _slasher.OnAttestation(inner).Should().Be(new AttesterSlashing(outer, inner));
    }

    [Fact]
    public void Finds_a_surround_behind_many_honest_votes_whichever_comes_first()
    {
        for (ulong e = 1; e <= 20; e++)
        {
            _slasher.OnAttestation(Signed(5, Vote(e - 1, e, A))).Should().BeNull();
        }

        var outer = Signed(5, Vote(3, 21, B)); // its source is lower than the last ones': it surrounds (4, 5)
        var evidence = _slasher.OnAttestation(outer);

        evidence.Should().NotBeNull();
        evidence!.A1.Should().Be(outer);
        evidence.A2.Data.Source.Epoch.Should().Be(4);

        var other = new Slasher(Minimal);
        other.OnAttestation(Signed(5, Vote(0, 30, A))).Should().BeNull();
        for (ulong e = 1; e < 5; e++)
        {
            var expected = e == 1 ? new AttesterSlashing(Signed(5, Vote(0, 30, A)), Signed(5, Vote(1, 2, A))) : null;
            other.OnAttestation(Signed(5, Vote(e, e + 1, A))).Should().Be(expected, "epoch {0}: once per validator", e);
        }
    }

    [Fact]
    public void Keeps_every_vote_of_its_history_as_its_ring_grows()
    {
        for (ulong e = 1; e <= 200; e++)
        {
            _slasher.OnAttestation(Signed(5, Vote(e - 1, e, A))).Should().BeNull();
        }

        _slasher.StoredVotes.Should().Be(200);

        var evidence = _slasher.OnAttestation(Signed(5, Vote(0, 201, B)));

        evidence.Should().NotBeNull();
        evidence!.A2.Data.Target.Epoch.Should().Be(2, "the oldest vote it surrounds");
    }

    [Fact]
    public void Still_finds_a_surround_after_forgetting_old_votes()
    {
        var shortMemory = new Slasher(Minimal, 4);
        shortMemory.OnAttestation(Signed(5, Vote(9, 9, A))).Should().BeNull(); // forgotten below
        shortMemory.OnAttestation(Signed(5, Vote(9, 12, A))).Should().BeNull();
        shortMemory.OnEpoch(15); // keeps targets 11..15

        shortMemory.StoredVotes.Should().Be(1);
        shortMemory.OnAttestation(Signed(5, Vote(4, 13, A))).Should().NotBeNull(); // (4, 13) surrounds (9, 12)
    }

    [Fact]
    public void Ignores_votes_no_registry_could_hold_without_forgetting_anything()
    {
        var honest = Signed(5, Vote(2, 3, A));
        _slasher.OnAttestation(honest);
        var farFuture = new AttestationData(0, 0, A, new Checkpoint(0, A), new Checkpoint(1UL << 63, A));

        _slasher.OnAttestation(new Attestation(5, farFuture, honest.Sig)).Should().BeNull();
        _slasher.OnAttestation(new Attestation(Slasher.MaxValidators, Vote(0, 3, B), honest.Sig)).Should().BeNull();
        _slasher.StoredVotes.Should().Be(1);
        _slasher.OnAttestation(Signed(5, Vote(1, 4, B))).Should().NotBeNull("the window did not move");
    }

    [Fact]
    public void Accuses_neither_honest_votes_nor_other_validators()
    {
        for (ulong e = 1; e < 10; e++)
        {
            _slasher.OnAttestation(Signed(5, Vote(e - 1, e, A))).Should().BeNull();
            _slasher.OnAttestation(Signed(6, Vote(e - 1, e, B))).Should().BeNull();
        }

        _slasher.Offenders.Should().BeEmpty();
    }

    [Fact]
    public void Produces_evidence_once_per_validator()
    {
        _slasher.OnAttestation(Signed(5, Vote(0, 1, A)));
        _slasher.OnAttestation(Signed(5, Vote(0, 1, B))).Should().NotBeNull();

        _slasher.OnAttestation(Signed(5, Vote(1, 1, B))).Should().BeNull();
        _slasher.Offenders.Should().Equal(5UL);
    }

    [Fact]
    public void Forgets_what_falls_out_of_its_history()
    {
        var shortMemory = new Slasher(Minimal, 4);
        for (ulong e = 1; e <= 20; e++)
        {
            shortMemory.OnAttestation(Signed(5, Vote(e - 1, e, A)));
            shortMemory.OnHeader(Header(5, e * 8, A, Key(5)));
        }

        shortMemory.StoredVotes.Should().Be(5); // target epochs 16..20
        shortMemory.StoredHeaders.Should().Be(5);
        shortMemory.OnAttestation(Signed(5, Vote(0, 2, B))).Should().BeNull("too old to judge");
    }

    [Fact]
    public void Forgets_every_header_when_a_vote_moves_the_window_beyond_the_last_slot()
    {
        _slasher.OnHeader(Header(3, 9, A, Key(3))).Should().BeNull();
        var far = new AttestationData(0, 0, A, new Checkpoint(0, A), new Checkpoint((1UL << 63) - 1, A));

        _slasher.OnAttestation(new Attestation(5, far, Signed(5, Vote(0, 1, A)).Sig)).Should().BeNull();

        _slasher.NewestEpoch.Should().Be((1UL << 63) - 1);
        _slasher.StoredHeaders.Should().Be(0, "slot 9 is far below the window, whose start slot is past 2^64");
        _slasher.StoredVotes.Should().Be(1);
    }

    [Fact]
    public void Refuses_a_history_outside_its_bounds()
    {
        var tooShort = () => new Slasher(Minimal, 0);
        var tooLong = () => new Slasher(Minimal, Slasher.MaxHistoryEpochs + 1);

        tooShort.Should().Throw<ArgumentOutOfRangeException>();
        tooLong.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Keeps_its_vote_count_equal_to_a_count_of_its_window_as_votes_arrive_and_epochs_leave()
    {
        var shortMemory = new Slasher(Minimal, 4);
        var random = new Random(11);
        var signedOnce = Signed(5, Vote(0, 1, A)); // the slasher reads no signature: every vote reuses this one
        ulong newest = 0;
        var most = 0;
        var drops = 0;
        for (var step = 0; step < 3000; step++)
        {
            var before = shortMemory.StoredVotes;
            if (random.Next(12) == 0)
            {
                newest += random.Next(8) == 0 ? (ulong)(6 + random.Next(10)) : (ulong)random.Next(3); // at times past the whole ring
                shortMemory.OnEpoch(newest);
            }
            else
            {
                var target = (ulong)Math.Max(0, (long)newest - 5 + random.Next(7));
                var source = target - (ulong)random.Next((int)Math.Min(target, 3) + 1);
                newest = Math.Max(newest, target);
                var d = Vote(source, target, random.Next(2) == 0 ? A : B);
                shortMemory.OnAttestation(new Attestation((ulong)random.Next(8), d, signedOnce.Sig));
            }

            shortMemory.StoredVotes.Should().Be(shortMemory.CountStoredVotes(), "step {0}", step);
            most = Math.Max(most, shortMemory.StoredVotes);
            drops += shortMemory.StoredVotes < before ? 1 : 0;
        }

        most.Should().BeGreaterThan(20, "votes held at most");
        drops.Should().BeGreaterThan(50, "steps that forgot votes");
    }
}
