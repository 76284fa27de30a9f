using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Faults;

/// <summary>
/// Validator faults swapped into a ValidatorActor of a live network in virtual time (ARCHITECTURE.md, "Faults"): each
/// changes what peers see from that validator, and clearing it brings the honest behaviour back. Slashing itself is the
/// slasher's business; these tests check that the slashable messages exist and reach the peers.
/// </summary>
public sealed class ValidatorFaultsTests
{
    /// <summary>Validators v0..v15 round-robin over four nodes: v{i} is on node i % 4.</summary>
    private const int ValidatorCount = 16;
    private const int Peer = 0;

    private static SimNetwork FourNodes(string name) =>
        SimNetwork.Create(name).Nodes(4).Validators(ValidatorCount, 32).Seed(3).Pos().Start();

    private static AttestationData DataOf(ChainEvents.Vote v) => v.Imported.Attestation.Data;

    [Fact]
    public void Shows_peers_two_conflicting_signed_votes_for_one_target_when_double_voting()
    {
        using var net = FourNodes("double-vote");
        var seen = net.WatchChain(Peer, ChainEventKind.Attestation);
        net.RunToEpoch(2, 0);
        net.Inject(new Fault.DoubleVote("v5")).Accepted.Should().BeTrue();
        net.RunToEpoch(4, 0);

        var byTarget = seen.AttestationsOf(5).Select(DataOf).GroupBy(d => d.Target.Epoch).ToDictionary(g => g.Key, g => g.ToList());
        byTarget[1].Should().HaveCount(1, "one honest vote before the fault");
        for (ulong epoch = 2; epoch <= 3; epoch++)
        {
            var votes = byTarget[epoch];
            votes.Should().HaveCount(2, $"node {Peer} imported both signed votes of v5 for target epoch {epoch}");
            votes[0].Root.Should().NotBe(votes[1].Root);
            SlashingRules.IsSlashableEitherOrder(votes[0], votes[1]).Should().BeTrue("a double vote");
        }
        var signed = net.Events("attestation").Where(e => e.Text("validator") == "v5").ToList();
        signed.Should().HaveCount(4).And.AllSatisfy(e => e.Text("fault").Should().Be("double-vote"));
        signed.Select(e => e.Text("slashingProtection")).Should().OnlyContain(p => p == "passed" || p == "bypassed");
    }

    [Fact]
    public void Sends_peers_a_vote_that_surrounds_an_earlier_one_when_surround_voting()
    {
        using var net = FourNodes("surround-vote");
        var seen = net.WatchChain(Peer, ChainEventKind.Attestation);
        net.RunToEpoch(4, 0);
        net.Inject(new Fault.SurroundVote("v6")).Accepted.Should().BeTrue();
        net.RunToEpoch(6, 0);

        var honest = seen.AttestationsOf(6).Select(DataOf).ToList();
        honest.Should().HaveCount(4, "v6's honest votes of epochs 0..3");
        var surround = net.Events("attestation").Where(e => e.Text("validator") == "v6").ToList();
        surround.Should().HaveCount(2, "one surround vote per duty in epochs 4 and 5")
            .And.AllSatisfy(e => e.Text("fault").Should().Be("surround-vote"));
        foreach (var e in surround)
        {
            var source = (ulong)e.Long("source");
            var target = (ulong)e.Long("target");
            honest.Should().Contain(h => (source < h.Source.Epoch && h.Target.Epoch < target) || (h.Source.Epoch < source && target < h.Target.Epoch),
                $"the vote ({source}, {target}) surrounds, or sits inside, an honest vote of v6");
        }
        var refusedAtPeer = net.Events("attestation_rejected").Where(e => e.Node == Peer && e.Long("validator") == 6).ToList();
        refusedAtPeer.Should().HaveCount(2, $"the surround votes reached node {Peer}, which refused them")
            .And.AllSatisfy(e => e.Reason().Should().Be(NodeEventFields.Normalize(Core.Pos.Block.AttestationInvalidReason.WrongSource)));
    }

    [Fact]
    public void Stops_attesting_while_offline_and_attests_again_once_cleared()
    {
        using var net = FourNodes("offline");
        var seen = net.WatchChain(Peer, ChainEventKind.Attestation);
        net.RunToEpoch(2, 0);
        net.Inject(new Fault.Offline("v1")).Accepted.Should().BeTrue();
        net.RunToEpoch(5, 0);
        net.Clear(new Fault.Offline("v1")).Accepted.Should().BeTrue();
        net.RunToEpoch(7, 0);

        seen.AttestationsOf(1).Select(v => DataOf(v).Target.Epoch).Should().Equal([0UL, 1, 5, 6],
            "v1 votes in epochs 0-1, is silent in 2-4, votes again in 5-6");
        net.Events("duty_skipped").Should().HaveCountGreaterThanOrEqualTo(3)
            .And.AllSatisfy(e => { e.Text("validator").Should().Be("v1"); e.Text("fault").Should().Be("offline"); });
    }

    [Fact]
    public void Holds_every_vote_back_by_the_delay_when_late()
    {
        using var net = FourNodes("late");
        var c = net.Config;
        var attestAfter = (long)c.SecondsPerSlot * 1000 / 3;
        var seen = net.WatchChain(Peer, ChainEventKind.Attestation);
        net.RunToEpoch(2, 0);
        net.Inject(new Fault.Late("v3", 3000)).Accepted.Should().BeTrue();
        net.RunToEpoch(5, 0);

        foreach (var v in seen.AttestationsOf(3))
        {
            var d = DataOf(v);
            var lag = v.AtMillis - (net.SlotStartMillis(d.Slot) + attestAfter);
            if (d.Target.Epoch < 2)
                lag.Should().BeInRange(0, 200, $"on time before the fault (epoch {d.Target.Epoch})");
            else
                lag.Should().BeInRange(3000, 3200, $"held back 3 s once late (epoch {d.Target.Epoch})");
        }
        seen.AttestationsOf(3).Select(s => DataOf(s).Target.Epoch).Should().Equal([0UL, 1, 2, 3, 4]);
    }

    [Fact]
    public void Sends_peers_two_blocks_for_one_slot_when_double_proposing()
    {
        using var net = FourNodes("double-proposal");
        var c = net.Config;
        net.RunToEpoch(2, 100);
        var from = 3 * c.SlotsPerEpoch;
        var state = net.SlotContext(Peer, 2 * c.SlotsPerEpoch).AdvancedState.Copy(); // the context's state is the chain's own: read-only
        ulong? slot = null;
        var proposer = -1;
        for (var s = from; s < from + c.SlotsPerEpoch && slot is null; s++)
        {
            SlotProcessing.ProcessSlots(state, s, c);
            var p = Proposers.BeaconProposerIndex(state, s, c)!.Value;
            if (p % 4 != Peer)
            {
                slot = s;
                proposer = p;
            }
        }
        slot.Should().NotBeNull($"a proposer of epoch 3 hosted away from node {Peer}");
        var seen = net.WatchChain(Peer, ChainEventKind.BeaconBlockImported);
        net.Inject(new Fault.DoubleProposal("v" + proposer)).Accepted.Should().BeTrue();
        net.RunToEpoch(4, 0);

        var atSlot = seen.Of<ChainEvent.BeaconBlockImported>().Select(b => b.Block).Where(b => b.Slot == slot).ToList();
        atSlot.Should().HaveCount(2, $"node {Peer} imported two blocks of v{proposer} for slot {slot}")
            .And.AllSatisfy(b => b.ProposerIndex.Should().Be((ulong)proposer));
        atSlot[0].Root.Should().NotBe(atSlot[1].Root);
        var proposedBySlot = net.Events("block_proposed").Where(e => e.Text("fault") == "double-proposal")
            .GroupBy(e => e.Long("slot")).ToDictionary(g => g.Key, g => g.ToList());
        proposedBySlot.Should().ContainKey((long)slot!.Value);
        proposedBySlot.Should().AllSatisfy(kv => kv.Value.Select(e => e.Text("slashingProtection")).Should().Equal(["passed", "bypassed"], $"slot {kv.Key}"));
    }

    [Fact]
    public void Refuses_faults_that_name_an_unknown_validator_or_node()
    {
        using var net = FourNodes("unknown-names");
        var unknownValidator = net.Inject(new Fault.Offline("v99"));
        unknownValidator.Accepted.Should().BeFalse();
        unknownValidator.Detail.Should().Contain("unknown validator 'v99'").And.Contain("v0, v4");

        var unknownNode = net.Inject(new Fault.SelfishMining(7));
        unknownNode.Accepted.Should().BeFalse();
        unknownNode.Detail.Should().Contain("unknown node 7").And.Contain("0..3");

        var notHosted = net.Ask<FaultReply>(net.Node(2), r => new NodeGuardian.InjectFault(new Fault.DoubleVote("v9"), r));
        notHosted.Accepted.Should().BeFalse();
        notHosted.Detail.Should().Be("validator v9 is not hosted on node 2");

        var noMiner = net.Inject(new Fault.PrivateChain(1, null));
        noMiner.Accepted.Should().BeFalse();
        noMiner.Detail.Should().Contain("node 1");

        var badDelay = net.Inject(new Fault.Late("v3", 0));
        badDelay.Accepted.Should().BeFalse();
        badDelay.Detail.Should().Contain("late needs a positive delay");

        net.Events("fault_rejected").Should().HaveCount(4, "the network logs the refusals it sees");
    }
}
