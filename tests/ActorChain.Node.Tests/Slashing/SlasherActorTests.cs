using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Slashing;
using ActorChain.Node.Storage;
using ActorChain.Node.Tests.Validators;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Slashing;

/// <summary>
/// The slasher turns a double vote it sees into evidence, has the chain verify it, and reports, hands to the mempool
/// and gossips true evidence once per offender; evidence that proves nothing is rejected with its reason.
/// </summary>
public sealed class SlasherActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _chain;
    private readonly TestProbe _mempool;
    private readonly TestProbe _gossip;
    private readonly TestProbe _events;
    private readonly IActorRef _slasher;

    public SlasherActorTests()
        : base(WireConfig.Strict())
    {
        _chain = CreateTestProbe();
        _mempool = CreateTestProbe();
        _gossip = CreateTestProbe();
        _events = CreateTestProbe();
        _slasher = Sys.ActorOf(SlasherActor.Create(NodeWith(Sys, NodeStores.InMemory(), _events), _chain, _mempool, _gossip));
        _chain.ExpectMsg<ChainActor.Subscribe>();
        _slasher.Tell(new ChainEvent.Merged(Root("terminal"), 16, 0, EightValidators.Genesis()));
    }

    private static Attestation Signed(AttestationData d) =>
        new(0, d, ValidatorFixture.Settings.Key("v0").Sign(Domain.Attester, d.Root));

    private NodeEvent ExpectEvent(string type)
    {
        var e = _events.ExpectMsg<NodeEvent>();
        e.Type.Should().Be(type);
        return e;
    }

    [Fact]
    public void Reports_a_double_vote_once_after_the_chain_verified_it()
    {
        var a = Signed(Vote(1, 2, "a"));
        var b = Signed(Vote(1, 2, "b"));
        _slasher.Tell(new ChainEvent.SignedMessagesSeen([], [a, b]));
        var verify = _chain.ExpectMsg<ChainActor.VerifyEvidence>();
        var evidence = (AttesterSlashing)verify.Evidence;
        SlashingRules.KindOf(evidence).Should().Be(SlashingKind.DoubleVote);
        _slasher.Tell(new ChainActor.EvidenceVerdict(evidence, -1, null, true));
        var found = ExpectEvent("evidence_found");
        found["kind"].Should().Be("double-vote");
        found["via"].Should().Be("slasher");
        found["name"].Should().Be("v0");
        _mempool.ExpectMsg<MempoolActor.AddSlashing>().Evidence.Should().Be(evidence);
        _gossip.ExpectMsg<SlasherActor.Gossip>().FromNode.Should().Be(-1);

        _slasher.Tell(new SlasherActor.FromPeer(evidence, 3)); // flooded back by a peer
        _slasher.Tell(new SlasherActor.GetStats(TestActor));
        var stats = ExpectMsg<SlasherActor.Stats>();
        stats.Found.Should().Be(1);
        stats.Received.Should().Be(1);
        stats.Duplicates.Should().Be(1);
        _chain.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Rejects_evidence_that_proves_nothing_with_the_chains_reason()
    {
        var forged = new AttesterSlashing(Signed(Vote(1, 2, "a")), Signed(Vote(2, 3, "b")));
        _slasher.Tell(new SlasherActor.FromPeer(forged, 2));
        var verify = _chain.ExpectMsg<ChainActor.VerifyEvidence>();
        verify.FromNode.Should().Be(2);
        _slasher.Tell(new ChainActor.EvidenceVerdict(forged, 2, new SlashingRejection(SlashingInvalidReason.NotSlashableData, "no"), false));
        var rejected = ExpectEvent("evidence_rejected");
        rejected["reason"].Should().Be("NOT_SLASHABLE_DATA");
        rejected["via"].Should().Be("gossip");
        _mempool.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _gossip.ExpectNoMsg(TimeSpan.Zero);
    }
}
