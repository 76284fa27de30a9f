using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Time;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Chain;

/// <summary>The beacon behaviour of ChainActor: gossiped votes, votes waiting for a block, slashing evidence, epoch transitions.</summary>
public sealed class BeaconChainVotesTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict(SimConfig.Config()))
{
    private static readonly ImmutableHashSet<ChainEventKind> Kinds =
    [
        ChainEventKind.PosHead, ChainEventKind.Attestation, ChainEventKind.LocalAttestation, ChainEventKind.EpochTransitioned,
        ChainEventKind.SignedMessages,
    ];

    [Fact]
    public void Imports_the_votes_of_one_message_as_one_event_and_each_vote_once()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        var votes = t.VotesOf(b1.Root, 1);
        votes.Should().NotBeEmpty();

        t.RunTo(1_400);
        t.Send(new ChainActor.ImportAttestations([.. votes], 2));
        t.Send(new ChainActor.ImportAttestations([.. votes], 3)); // the same votes again, from another peer

        var imported = t.ChainEvents<ChainEvent.AttestationsImported>().Should().ContainSingle().Subject;
        imported.FromNode.Should().Be(2);
        imported.Kind.Should().Be(ChainEventKind.Attestation);
        imported.Attestations.Select(a => a.Attestation).Should().Equal(votes);
        imported.Attestations.Should().AllSatisfy(a => a.Stake.Should().Be(Core.Units.Coins(32)));
        t.Ask<ChainActor.PosStatus>(r => new ChainActor.GetPosStatus(r), CreateTestProbe()).AttestationsProcessed
            .Should().Be(votes.Count);

        t.Tick(2);
        t.ChainEvents<ChainEvent.SignedMessagesSeen>().Should().ContainSingle("the slasher gets what verified once per slot")
            .Which.Attestations.Should().Equal(votes);
    }

    [Fact]
    public void Rejects_a_vote_with_a_bad_signature_or_a_stale_source_with_its_reason()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        var honest = t.VotesOf(b1.Root, 1)[0];
        var other = (int)((honest.ValidatorIndex + 1) % BeaconTestChain.Validators);
        var state = t.StateOf(b1.Root);
        var badSignature = honest with { Sig = t.KeyOf(state, other).Sign(Core.Crypto.Domain.Attester, honest.Data.Root) };
        var wrongSource = t.Sign((int)honest.ValidatorIndex, state,
            honest.Data with { Source = new Checkpoint(0, Sha256.Hash("elsewhere"u8)) });

        t.RunTo(1_400);
        t.Send(new ChainActor.ImportAttestations([badSignature, wrongSource], 2));

        t.EventsOf("attestation_rejected").Select(e => ((ulong)e["validator"]!, (int)e["from"]!, (string)e["reason"]!))
            .Should().Equal((honest.ValidatorIndex, 2, "BAD_SIGNATURE"), (honest.ValidatorIndex, 2, "WRONG_SOURCE"));
        t.ChainEvents<ChainEvent.AttestationsImported>().Should().BeEmpty();
    }

    [Fact]
    public void Holds_a_vote_for_an_unknown_block_until_the_block_comes()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        var b2 = t.Produce(b1.Root, 2);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        var votes = t.VotesOf(b2.Root, 2);

        t.Tick(2, 400);
        t.Send(new ChainActor.ImportAttestations([.. votes], 2));
        t.ChainEvents<ChainEvent.AttestationsImported>().Should().BeEmpty();
        t.EventsOf("attestation_rejected").Should().BeEmpty();

        t.Send(new ChainActor.ImportBeaconBlock(b2, 1));
        t.ChainEvents<ChainEvent.AttestationsImported>().SelectMany(e => e.Attestations).Select(a => a.Attestation)
            .Should().Equal(votes);
    }

    [Fact]
    public void Verifies_slashing_evidence_and_drops_an_equivocator_from_fork_choice()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        var vote = t.VotesOf(b1.Root, 1)[0];
        var state = t.StateOf(b1.Root);
        var other = t.Sign((int)vote.ValidatorIndex, state, vote.Data with { HeadRoot = t.Anchor });
        var doubleVote = new AttesterSlashing(vote, other);
        var notAnOffence = new AttesterSlashing(vote, vote);
        var probe = CreateTestProbe();

        var bad = t.Ask<ChainActor.EvidenceVerdict>(r => new ChainActor.VerifyEvidence(notAnOffence, 3, r), probe);
        bad.Rejection.Should().NotBeNull();
        bad.Equivocating.Should().BeFalse();

        var verdict = t.Ask<ChainActor.EvidenceVerdict>(r => new ChainActor.VerifyEvidence(doubleVote, -1, r), probe);
        verdict.Rejection.Should().BeNull();
        verdict.Equivocating.Should().BeTrue();
        verdict.FromNode.Should().Be(-1);
    }

    [Fact]
    public void Applies_the_slashings_of_an_imported_block_and_says_so()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var b1 = t.Produce(t.Anchor, 1);
        var vote = t.VotesOf(b1.Root, 1)[0];
        var other = t.Sign((int)vote.ValidatorIndex, t.StateOf(b1.Root), vote.Data with { HeadRoot = t.Anchor });
        var b2 = t.Produce(b1.Root, 2, attesterSlashings: [new AttesterSlashing(vote, other)]);
        b2.Body.AttesterSlashings.Should().ContainSingle();

        t.Tick(1, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b1, 1));
        t.Tick(2, 100);
        t.Send(new ChainActor.ImportBeaconBlock(b2, 1));

        var slashed = t.EventsOf("validator_slashed").Should().ContainSingle().Subject;
        slashed["index"].Should().Be((int)vote.ValidatorIndex);
        slashed["name"].Should().Be("v" + vote.ValidatorIndex);
        slashed["kind"].Should().Be("double-vote");
        slashed["includedAtSlot"].Should().Be(2UL);
        slashed["block"].Should().Be(b2.Root.ToString());
    }

    [Fact]
    public void Publishes_each_epoch_transition_of_the_canonical_chain_once_and_in_order()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var blocks = t.ProduceChain(t.Anchor, 1, 17);
        foreach (var b in blocks)
        {
            t.Tick(b.Slot, 100);
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
        }

        var transitions = t.ChainEvents<ChainEvent.EpochTransitioned>();
        transitions.Select(e => e.Transition.Epoch).Should().Equal(0UL, 1UL);
        transitions[1].HeadRoot.Should().Be(blocks[14].Root, "the slot-16 tick advanced the slot-15 head across the boundary");
        transitions[1].HeadSlot.Should().Be(15);

        t.Tick(24);
        t.Tick(24, 500);
        var status = t.Ask<ChainActor.PosStatus>(r => new ChainActor.AdvanceHeadTo(25, r), CreateTestProbe());
        t.ChainEvents<ChainEvent.EpochTransitioned>().Select(e => e.Transition.Epoch).Should().Equal(0UL, 1UL, 2UL);
        status.HeadRoot.Should().Be(blocks[^1].Root);
        status.Justified.Epoch.Should().Be(1, "every vote of epoch 1 is in a block, those of epoch 2 are not");
        t.Stores.Chain.Meta(ChainReload.LastRecordedEpochKey).Should().NotBeNull();
    }
    [Fact]
    public void Explains_each_missing_target_vote_in_the_tally_of_the_transition()
    {
        using var t = new BeaconTestChain(this, Kinds);
        var config = t.Config;
        var withheld = new Dictionary<ulong, Attestation>(); // epoch 1's votes of v0–v4, never put in a block
        var parent = t.Anchor;
        var blocks = new List<BeaconBlock>();
        for (ulong slot = 1; slot <= 17; slot++)
        {
            var votes = slot > 1 ? t.VotesOf(parent, slot - 1) : [];
            foreach (var v in votes.Where(v => config.EpochOf(v.Data.Slot) == 1 && v.ValidatorIndex <= 4))
                withheld[v.ValidatorIndex] = v;
            var b = t.Produce(parent, slot, votes.Where(v => !withheld.ContainsKey(v.ValidatorIndex) || config.EpochOf(v.Data.Slot) != 1));
            blocks.Add(b);
            parent = b.Root;
            t.Tick(slot, 100);
            t.Send(new ChainActor.ImportBeaconBlock(b, 1));
            foreach (var v in votes.Where(v => v.ValidatorIndex is 0 or 2 or 3 && withheld.ContainsKey(v.ValidatorIndex)))
            {
                // v0's vote on time (a slot after its own), v2's with another source, v3's for another target root
                var gossiped = v.ValidatorIndex switch
                {
                    2 => t.Sign(2, t.StateOf(b.Root), v.Data with { Source = new Checkpoint(0, Sha256.Hash("elsewhere"u8)) }),
                    3 => t.Sign(3, t.StateOf(b.Root), v.Data with { Target = new Checkpoint(1, Sha256.Hash("a fork's checkpoint"u8)) }),
                    _ => v,
                };
                t.Send(new ChainActor.ImportAttestations([gossiped], 2));
            }
        }

        withheld.Keys.Should().BeEquivalentTo([0UL, 1UL, 2UL, 3UL, 4UL], "every validator votes once an epoch");
        t.Tick(23);
        t.Send(new ChainActor.ImportAttestations([withheld[4]], 2)); // after its window (slot + 8) closed
        t.Tick(24); // v1's vote never comes

        var tally = t.ChainEvents<ChainEvent.EpochTransitioned>().Should().Contain(e => e.Transition.Epoch == 2).Which.Tally!;
        tally.Epoch.Should().Be(1);
        tally.Root.Should().Be(blocks[7].Root, "the block at slot 8 starts epoch 1");
        tally.TargetStake.Should().Be(Core.Units.Coins(3 * 32));
        tally.TotalActiveStake.Should().Be(Core.Units.Coins(8 * 32));
        tally.Justified.Should().BeFalse();
        tally.Missing.Select(m => (m.Index, m.Reason)).Should().Equal(
            (0, MissingVoteReason.NotIncluded), (1, MissingVoteReason.Offline), (2, MissingVoteReason.WrongSource),
            (3, MissingVoteReason.WrongTarget), (4, MissingVoteReason.Late));
        t.ChainEvents<ChainEvent.EpochTransitioned>().First(e => e.Transition.Epoch == 0).Tally.Should().BeNull();
    }
}
