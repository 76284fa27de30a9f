using System.Collections.Immutable;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// A CheckpointActor shows epoch processing's decision about its checkpoint (pending → justified → finalized, or
/// abandoned with the reason) and the live tally of the votes for it; the genesis checkpoint is reported once.
/// </summary>
public sealed class CheckpointActorTests : Akka.TestKit.Xunit2.TestKit
{
    private const ulong Total = 64;
    private static readonly Checkpoint Genesis = new(0, Root("anchor"));

    private readonly TestProbe _events;
    private readonly NodeStores _stores = NodeStores.InMemory();

    public CheckpointActorTests()
        : base(WireConfig.Strict()) => _events = CreateTestProbe();

    private static EpochTransition Transition(ulong epoch, Checkpoint justified, Checkpoint finalized, ulong prevTarget = 0,
        ulong currTarget = 0, Checkpoint? previousJustified = null) =>
        new(epoch, Total, prevTarget, currTarget, false, 0, 0, Genesis, Genesis, Genesis, previousJustified ?? Genesis, justified,
            finalized, [], [], []);

    private IActorRef Checkpoint(Checkpoint c) => Sys.ActorOf(CheckpointActor.Create(NodeWith(Sys, _stores, _events), c));

    private NodeEvent ExpectEvent(string type)
    {
        var e = _events.ExpectMsg<NodeEvent>();
        e.Type.Should().Be(type);
        return e;
    }

    private static CheckpointActor.Votes Votes(params (ulong Index, ulong Stake)[] votes) =>
        new([.. votes.Select(v => new CheckpointActor.Vote(v.Index, v.Stake))]);

    [Fact]
    public void Reports_justified_then_finalized_with_its_tally_and_stops()
    {
        var c3 = new Checkpoint(3, Root("t3"));
        var actor = Checkpoint(c3);
        Watch(actor);
        actor.Tell(Votes((1, 32), (2, 32), (1, 32))); // a validator counts once
        actor.Tell(new CheckpointActor.Transition(Transition(3, c3, Genesis, currTarget: 64)));
        var justified = ExpectEvent("justified");
        justified["epoch"].Should().Be(3UL);
        justified["votes"].Should().Be(2L);
        justified["stake"].Should().Be(64UL);
        justified["atEpoch"].Should().Be(3UL);
        actor.Tell(new CheckpointActor.Transition(Transition(5, new Checkpoint(5, Root("t5")), c3)));
        ExpectEvent("finalized")["atEpoch"].Should().Be(5UL);
        ExpectTerminated(actor);
        _events.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Reports_justified_and_finalized_at_once_when_finalized_while_pending()
    {
        var actor = Checkpoint(Genesis);
        actor.Tell(new CheckpointActor.Transition(Transition(0, Genesis, Genesis)));
        ExpectEvent("justified");
        ExpectEvent("finalized");
    }

    [Fact]
    public void Says_the_target_stake_missed_two_thirds_when_abandoned()
    {
        var c3 = new Checkpoint(3, Root("t3"));
        var actor = Checkpoint(c3);
        actor.Tell(Votes((1, 20)));
        actor.Tell(new CheckpointActor.Transition(Transition(3, Genesis, Genesis, currTarget: 10)));
        actor.Tell(new CheckpointActor.Transition(Transition(4, Genesis, Genesis, prevTarget: 20)));
        actor.Tell(new CheckpointActor.Transition(Transition(6, new Checkpoint(5, Root("t5")), new Checkpoint(4, Root("t4")))));
        var abandoned = ExpectEvent("abandoned");
        abandoned["reason"].Should().Be("below_two_thirds");
        abandoned["targetStake"].Should().Be(20UL, "the last weighing: the previous target at the end of epoch 4");
        abandoned["totalActiveBalance"].Should().Be(Total);
        abandoned["needed"].Should().Be(43UL, "43 × 3 ≥ 64 × 2 > 42 × 3");
        ((string)abandoned["detail"]!).Should().Contain("20 of 64");
    }

    [Fact]
    public void Says_justification_starts_at_epoch_2_when_abandoned_before_it()
    {
        var madeUp = new Checkpoint(0, Root("made-up head")); // a double voter's target of epoch 0
        var actor = Checkpoint(madeUp);
        actor.Tell(Votes((3, 32)));
        actor.Tell(new CheckpointActor.Transition(Transition(0, Genesis, Genesis, currTarget: 32)));
        var abandoned = ExpectEvent("abandoned");
        abandoned["reason"].Should().Be("before_justification");
        ((string)abandoned["detail"]!).Should().Contain("justification starts at epoch 2");
    }

    [Fact]
    public void Reports_a_previous_epoch_checkpoint_justified_by_the_bits_then_superseded()
    {
        // End of epoch 2 (§5.5): both targets reach 2/3, so epoch 1 is justified (bit 1) and at once replaced as
        // currentJustified by epoch 2; epoch 2 is then finalized by the 2 → 3 link, which skips epoch 1.
        var c1 = new Checkpoint(1, Root("t1"));
        var c2 = new Checkpoint(2, Root("t2"));
        var actor = Checkpoint(c1);
        actor.Tell(Votes((1, 32), (2, 32)));
        actor.Tell(new CheckpointActor.Transition(Transition(2, c2, Genesis, prevTarget: 64, currTarget: 64) with
        {
            Bits = 0b0011,
            PreviousTarget = c1,
            CurrentTarget = c2,
        }));
        ExpectEvent("justified")["atEpoch"].Should().Be(2UL);
        actor.Tell(new CheckpointActor.Transition(Transition(3, new Checkpoint(3, Root("t3")), c2, previousJustified: c2)));
        var abandoned = ExpectEvent("abandoned");
        abandoned["reason"].Should().Be("superseded");
        ((string)abandoned["detail"]!).Should().Contain("justified at the end of epoch 2").And.Contain("epoch 2 was finalized");
    }

    [Fact]
    public void Names_the_canonical_root_when_its_own_root_is_off_the_canonical_chain()
    {
        var ours = new Checkpoint(3, Root("late head"));
        var canonical = new Checkpoint(3, Root("boundary block"));
        var actor = Checkpoint(ours);
        actor.Tell(Votes((1, 32)));
        actor.Tell(new CheckpointActor.Transition(Transition(4, Genesis, Genesis, prevTarget: 30) with { PreviousTarget = canonical }));
        actor.Tell(new CheckpointActor.Transition(Transition(6, new Checkpoint(5, Root("t5")), new Checkpoint(4, Root("t4")))));
        var abandoned = ExpectEvent("abandoned");
        abandoned["reason"].Should().Be("not_canonical");
        ((string)abandoned["detail"]!).Should().Contain(canonical.Root.ToString()[..8]).And.Contain("30 of 64");
    }

    [Fact]
    public void Says_another_checkpoint_of_its_epoch_was_justified()
    {
        var ours = new Checkpoint(4, Root("fork"));
        var theirs = new Checkpoint(4, Root("canonical"));
        var actor = Checkpoint(ours);
        actor.Tell(new CheckpointActor.Transition(Transition(4, theirs, Genesis, currTarget: 60)));
        actor.Tell(new CheckpointActor.Transition(Transition(6, new Checkpoint(6, Root("t6")), theirs)));
        ExpectEvent("abandoned")["reason"].Should().Be("rival_justified");
    }

    [Fact]
    public void Reports_the_genesis_checkpoint_once_however_late_its_votes_come()
    {
        var chain = CreateTestProbe();
        var epoch = Sys.ActorOf(EpochActor.Create(NodeWith(Sys, _stores, _events), ValidatorFixture.Config, 0, [], chain, chain));
        chain.FishForMessage(m => m is ChainActor.Subscribe);
        var vote = new AttestationImported(new Attestation(1, Vote(0, 0, "h") with { Target = Genesis }, default), 32, -1, true);
        epoch.Tell(new ChainEvent.BlockAttestationsImported(Root("b1"), [vote]));
        epoch.Tell(new ChainEvent.EpochTransitioned(Transition(0, Genesis, Genesis), Root("b1"), 7));
        ExpectEvent("justified")["epoch"].Should().Be(0UL);
        ExpectEvent("finalized")["epoch"].Should().Be(0UL);
        epoch.Tell(new ChainEvent.BlockAttestationsImported(Root("b9"), [vote with { Attestation = vote.Attestation with { ValidatorIndex = 2 } }]));
        epoch.Tell(new ChainEvent.EpochTransitioned(Transition(1, Genesis, Genesis), Root("b9"), 9));
        epoch.Tell(new ChainEvent.EpochTransitioned(Transition(2, Genesis, Genesis), Root("b9"), 17));
        _events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
