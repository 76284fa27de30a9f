using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// Fault behaviours swap into a ValidatorActor: double-signing goes around slashing protection on purpose, says so in
/// its events, and floods what it signed through Publish; offline skips duties; late holds them back; a clear restores
/// the honest behaviour with the record the fault left.
/// </summary>
public sealed class FaultyValidatorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly NodeStores _stores = NodeStores.InMemory();
    private readonly TestProbe _chain;
    private readonly TestProbe _events;
    private readonly TestProbe _publish;
    private readonly IActorRef _v0;

    public FaultyValidatorTests()
        : base(WireConfig.Strict())
    {
        _chain = CreateTestProbe();
        _events = CreateTestProbe();
        _publish = CreateTestProbe();
        _v0 = Sys.ActorOf(ValidatorActor.Create(NodeWith(Sys, _stores, _events), "v0", ValidatorFixture.Config, _chain, CreateTestProbe()));
    }

    private NodeEvent ExpectEvent(string type)
    {
        var e = _events.ExpectMsg<NodeEvent>();
        e.Type.Should().Be(type);
        return e;
    }

    [Fact]
    public void A_double_voter_signs_two_slashable_votes_and_floods_both()
    {
        _v0.Tell(new ValidatorActor.InjectFault(new Fault.DoubleVote("v0"), _publish));
        _v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "a"), 0));
        var first = ExpectEvent("attestation");
        first["fault"].Should().Be("double-vote");
        first["slashingProtection"].Should().Be("passed");
        ExpectEvent("attestation")["slashingProtection"].Should().Be("bypassed");
        var a1 = _chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single();
        var a2 = _chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single();
        SlashingRules.IsSlashableEitherOrder(a1.Data, a2.Data).Should().BeTrue();
        _publish.ExpectMsg<Publish>().Payload.Should().Be(new Wire.AttestationGossip(a1));
        _publish.ExpectMsg<Publish>().Payload.Should().Be(new Wire.AttestationGossip(a2));
        _stores.Protection.Load("v0").Should().Be(new SlashingProtectionRecord(SlashingProtectionRecord.None, 1, 2),
            "recorded before signing, even around protection");
    }

    [Fact]
    public void An_offline_validator_skips_its_duties_until_cleared()
    {
        var offline = new Fault.Offline("v0");
        _v0.Tell(new ValidatorActor.InjectFault(offline, _publish));
        _v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "a"), 0));
        var skipped = ExpectEvent("duty_skipped");
        skipped["duty"].Should().Be("attest");
        skipped["fault"].Should().Be("offline");
        _v0.Tell(new ValidatorActor.GetDuties(TestActor));
        ExpectMsg<DutyReport.Duties>().Fault.Should().Be("offline");

        _v0.Tell(new ValidatorActor.ClearFault(new Fault.DoubleVote("v0"))); // not the fault in: ignored
        _v0.Tell(new ValidatorActor.Attest(Vote(1, 3, "b"), 0));
        ExpectEvent("duty_skipped");
        _v0.Tell(new ValidatorActor.ClearFault(offline));
        _v0.Tell(new ValidatorActor.Attest(Vote(1, 4, "c"), 0));
        _chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single().Data.Should().Be(Vote(1, 4, "c"));
        _v0.Tell(new ValidatorActor.GetDuties(TestActor));
        var duties = ExpectMsg<DutyReport.Duties>();
        duties.Fault.Should().BeNull();
        duties.LastAttestationTarget.Should().Be(4UL);
        duties.Attestations.Should().Be(1);
        _publish.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_surround_voter_attests_honestly_until_it_has_a_vote_to_surround()
    {
        _v0.Tell(new ValidatorActor.InjectFault(new Fault.SurroundVote("v0"), _publish));
        _v0.Tell(new ValidatorActor.Attest(Vote(2, 3, "a"), 0));
        ExpectEvent("fault_skipped");
        var honest = _chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single();
        _v0.Tell(new ValidatorActor.Attest(Vote(3, 4, "b"), 0));
        ExpectEvent("attestation")["slashingProtection"].Should().Be("bypassed");
        var surround = _chain.ExpectMsg<ChainActor.ImportAttestations>().Attestations.Single();
        SlashingRules.IsSlashableEitherOrder(honest.Data, surround.Data).Should().BeTrue();
        _publish.ExpectMsg<Publish>();
    }

    [Fact]
    public void A_late_validator_holds_its_vote_back_by_the_delay()
    {
        // Virtual time: the vote reaches the chain exactly the delay after the duty.
        var system = ActorSystem.Create("late", SimConfig.Config());
        var conductor = new Conductor(system);
        try
        {
            var clock = SchedulerClock.Of(system);
            var received = new List<long>();
            var chain = conductor.ActorOf(Props.Create(() => new ChainSink(received, clock)), "chain");
            var node = new NodeContext(0, clock, ActorRefs.Nobody, ValidatorFixture.Settings, 1, new Core.Pos.Block.TransitionMemo(),
                NodeStores.InMemory());
            var v0 = conductor.ActorOf(ValidatorActor.Create(node, "v0", ValidatorFixture.Config, chain, ActorRefs.Nobody), "v0");
            conductor.RunUntil(TimeSpan.FromMilliseconds(1000));
            v0.Tell(new ValidatorActor.InjectFault(new Fault.Late("v0", 300), ActorRefs.Nobody));
            v0.Tell(new ValidatorActor.Attest(Vote(1, 2, "a"), 0));
            conductor.RunUntil(TimeSpan.FromMilliseconds(2000));
            received.ToList().Should().Equal(1300L);
        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class ChainSink : ReceiveActor
    {
        public ChainSink(List<long> received, IClock clock) =>
            Receive<ChainActor.ImportAttestations>(_ => received.Add(clock.NowMillis));
    }
}
