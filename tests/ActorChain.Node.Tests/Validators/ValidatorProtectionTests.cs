using ActorChain.Core.Pos.Protection;
using ActorChain.Node.Chain;
using ActorChain.Node.Storage;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// Slashing protection is durable (CONSENSUS.md §5.7): a ValidatorActor saves its record to the node's protection store
/// before a signature leaves it, and one started again from the same store (a restarted node, a restarted actor)
/// refuses what its predecessor's record forbids: a second vote for a target epoch it voted for, a surrounding vote,
/// a second block at a slot it proposed at.
/// </summary>
public sealed class ValidatorProtectionTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict())
{
    private const ulong None = SlashingProtectionRecord.None;

    private IActorRef Validator(NodeStores stores, IActorRef chain, IActorRef mempool) =>
        Sys.ActorOf(ValidatorActor.Create(NodeWith(Sys, stores, ActorRefs.Nobody), "v0", ValidatorFixture.Config, chain, mempool));

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Refuses_a_second_vote_for_a_target_it_voted_for_when_started_again_from_the_same_stores()
    {
        using var stores = NodeStores.InMemory();
        var chain = CreateTestProbe();
        var mempool = CreateTestProbe();
        var v0 = Validator(stores, chain, mempool);
        v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "a"), 0));
        chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single().Data.Should().Be(Vote(1, 2, "a"));
        stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(None, 1, 2), "saved before the vote left");
        Stop(v0);

        var again = Validator(stores, chain, mempool);
        again.Tell(new ValidatorActor.Attest(Vote(1, 2, "b"), 0)); // a double vote for target 2
        again.Tell(new ValidatorActor.Attest(Vote(0, 3, "c"), 0)); // surrounds (1, 2)
        again.Tell(new ValidatorActor.Attest(Vote(2, 3, "d"), 0));
        chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single().Data.Should().Be(Vote(2, 3, "d"),
            "only the vote its record allows");
        chain.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Stop(again);
        stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(None, 2, 3));
    }

    [Fact]
    public void Refuses_a_slashable_vote_after_its_actor_restarts_from_a_failure()
    {
        using var stores = NodeStores.InMemory();
        var chain = CreateTestProbe();
        var mempool = CreateTestProbe();
        var v0 = Validator(stores, chain, mempool);
        v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "a"), 0));
        chain.ExpectMsg<ChainActor.ImportAttestations>();

        // A proposal on no state: block production throws, and the user guardian restarts the actor.
        v0.Tell(new ValidatorActor.Propose(new ChainActor.SlotContext(10, Root("head"), null!), 0));
        mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>();
        EventFilter.Exception<NullReferenceException>().ExpectOne(() =>
            mempool.Reply(new MempoolActor.BeaconCandidates([], [], [], [])));

        v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "b"), 0)); // a double vote: the reloaded record refuses it
        v0.Tell(new ValidatorActor.Propose(new ChainActor.SlotContext(10, Root("other head"), null!), 0)); // slot 10 again
        v0.Tell(new ValidatorActor.Attest(Vote(2, 3, "d"), 0));
        chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single().Data.Should().Be(Vote(2, 3, "d"));
        mempool.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(10, 2, 3));
    }

    [Fact]
    public void Refuses_a_second_block_at_a_slot_when_started_again_from_the_same_stores()
    {
        using var stores = NodeStores.InMemory(); // an embedded node's: it outlives the node's actors
        var chain = CreateTestProbe();
        var mempool = CreateTestProbe();
        var first = Validator(stores, chain, mempool);
        first.Tell(new ValidatorActor.Propose(new ChainActor.SlotContext(10, Root("head"), null!), 0));
        mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>();
        stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(10, None, None), "saved before asking for the block's contents");
        Stop(first);

        var again = Validator(stores, chain, mempool);
        again.Tell(new ValidatorActor.Propose(new ChainActor.SlotContext(10, Root("other head"), null!), 0));
        again.Tell(new ValidatorActor.Propose(new ChainActor.SlotContext(11, Root("head"), null!), 0));
        mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>().State.Should().BeNull();
        mempool.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(11, None, None), "slot 10 refused, slot 11 signed");
        Stop(again);
        chain.ExpectNoMsg(TimeSpan.Zero);
    }
}
