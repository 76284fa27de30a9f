using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Storage;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// A proposer proposes a block core's production made from the mempool's candidates; a double proposer signs a second
/// block for the slot with an empty body, unless its block is empty too (then there is nothing to vary, and it says so).
/// </summary>
public sealed class DoubleProposalTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _chain;
    private readonly TestProbe _mempool;
    private readonly TestProbe _events;
    private readonly TestProbe _publish;
    private readonly ChainActor.SlotContext _slot1;
    private readonly int _proposer;
    private readonly IActorRef _validator;

    public DoubleProposalTests()
        : base(WireConfig.Strict())
    {
        _chain = CreateTestProbe();
        _mempool = CreateTestProbe();
        _events = CreateTestProbe();
        _publish = CreateTestProbe();
        var state = EightValidators.At(1);
        _proposer = Proposers.BeaconProposerIndex(state, 1, ValidatorFixture.Config)!.Value;
        _slot1 = new ChainActor.SlotContext(1, EightValidators.Anchor, state);
        var node = new NodeContext(0, ActorChain.Node.Time.SchedulerClock.Of(Sys),
            _events, EightValidators.Settings, 1, new TransitionMemo(), NodeStores.InMemory());
        _validator = Sys.ActorOf(ValidatorActor.Create(node, EightValidators.Names[_proposer], ValidatorFixture.Config, _chain, _mempool));
    }

    /// <summary>A valid vote of slot 0 to include: its committee member's, on the anchor.</summary>
    private static Attestation SlotZeroVote()
    {
        var state = EightValidators.At(0);
        var member = Committees.BeaconCommittee(state, 0, 0, ValidatorFixture.Config)[0];
        var data = AttestationProduction.ComputeAttestationData(state, EightValidators.Anchor, 0, 0, ValidatorFixture.Config);
        var key = EightValidators.Settings.Key(EightValidators.Names[member]);
        return new Attestation((ulong)member, data, key.Sign(Domain.Attester, data.Root));
    }

    private NodeEvent ExpectEvent(string type)
    {
        var e = _events.ExpectMsg<NodeEvent>();
        e.Type.Should().Be(type);
        return e;
    }

    [Fact]
    public void Proposes_the_block_core_makes_from_the_candidates()
    {
        _validator.Tell(new ValidatorActor.Propose(_slot1, (ulong)_proposer));
        _mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>().State.Should().BeSameAs(_slot1.AdvancedState);
        _mempool.Reply(new MempoolActor.BeaconCandidates([SlotZeroVote()], [], [], []));
        var block = _chain.ExpectMsg<ChainActor.ImportBeaconBlock>().Block;
        block.Slot.Should().Be(1UL);
        block.Body.Attestations.Should().HaveCount(1);
        var proposed = ExpectEvent("block_proposed");
        proposed["root"].Should().Be(block.Root.ToString());
        proposed["attestations"].Should().Be(1);
    }

    [Fact]
    public void A_double_proposer_signs_two_blocks_for_the_slot_and_floods_both()
    {
        _validator.Tell(new ValidatorActor.InjectFault(new Fault.DoubleProposal(EightValidators.Names[_proposer]), _publish));
        _validator.Tell(new ValidatorActor.Propose(_slot1, (ulong)_proposer));
        _mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>();
        _mempool.Reply(new MempoolActor.BeaconCandidates([SlotZeroVote()], [], [], []));
        ExpectEvent("block_proposed")["slashingProtection"].Should().Be("passed");
        ExpectEvent("block_proposed")["slashingProtection"].Should().Be("bypassed");
        var first = _chain.ExpectMsg<ChainActor.ImportBeaconBlock>().Block;
        var second = _chain.ExpectMsg<ChainActor.ImportBeaconBlock>().Block;
        first.Slot.Should().Be(second.Slot);
        first.Root.Should().NotBe(second.Root);
        _publish.ExpectMsg<Publish>().Id.Should().Be(first.Root);
        _publish.ExpectMsg<Publish>().Id.Should().Be(second.Root);
    }

    [Fact]
    public void A_double_proposer_with_nothing_to_vary_proposes_once_and_says_why()
    {
        _validator.Tell(new ValidatorActor.InjectFault(new Fault.DoubleProposal(EightValidators.Names[_proposer]), _publish));
        _validator.Tell(new ValidatorActor.Propose(_slot1, (ulong)_proposer));
        _mempool.ExpectMsg<MempoolActor.SelectForBeaconBlock>();
        _mempool.Reply(new MempoolActor.BeaconCandidates([], [], [], []));
        ExpectEvent("fault_skipped")["fault"].Should().Be("double-proposal");
        ExpectEvent("block_proposed")["fault"].Should().BeNull();
        _chain.ExpectMsg<ChainActor.ImportBeaconBlock>();
        _publish.ExpectMsg<Publish>();
        _chain.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
