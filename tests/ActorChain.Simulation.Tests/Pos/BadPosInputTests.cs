using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using ActorChain.Node.Configuration;
using ActorChain.Node.Network;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// Node-level bad input (CONSENSUS.md §5.4 steps 2, 5 and 8): an attestation with a wrong source, a future target, from
/// outside its committee or with a bad signature, and a block from the wrong proposer or with a bad state root, each
/// injected into node 1 as if gossiped by node 0. Each is rejected with its enumerated reason, goes no further, and node
/// 1 keeps following the chain and finalizing.
/// </summary>
public sealed class BadPosInputTests
{
    private const int ValidatorCount = 16;
    private const int Sender = 0;
    private const int Victim = 1;
    /// <summary>The bad input is made for the first slot of epoch 3, delivered while it is the current slot.</summary>
    private const ulong Epoch = 3;

    private static SimNetwork FourHonestNodes(string name) =>
        SimNetwork.Create(name).Nodes(4).Validators(ValidatorCount, 32).Seed(3).Pos().Start();

    [Fact]
    public void Rejects_bad_attestations_with_their_reason_and_keeps_finalizing()
    {
        using var net = FourHonestNodes("bad-attestations");
        var c = net.Config;
        var slot = Epoch * c.SlotsPerEpoch;
        net.RunToEpoch(Epoch, 100); // slot 24 has started on every node, its attestation deadline has not passed
        var ctx = net.SlotContext(Sender, slot);
        var state = ctx.AdvancedState;
        var honest = AttestationProduction.ComputeAttestationData(state, ctx.HeadRoot, slot, 0, c);
        var member = Committees.BeaconCommittee(state, slot, 0, c)[0];
        var outsider = Enumerable.Range(0, ValidatorCount).First(v => Committees.CommitteeOf(state, Epoch, v, c)!.Value.Slot != slot);
        state.PreviousJustified.Should().NotBe(honest.Source, "a stale source to vote with");
        AttestationRules.ValidateForGossip(state, Forge.Vote(net.Key(member), member, honest), slot, c, SignatureCheck.Shared)
            .Should().BeNull("the vote before it is spoiled is valid");

        var wrongSource = Forge.Vote(net.Key(member), member, honest with { Source = state.PreviousJustified });
        var futureTarget = Forge.Vote(net.Key(member), member, honest with { Target = new Checkpoint(Epoch + 1, honest.Target.Root) });
        var notInCommittee = Forge.Vote(net.Key(outsider), outsider, honest);
        var badSignature = Forge.Vote(net.Key(outsider), member, honest);
        foreach (var a in new[] { wrongSource, futureTarget, notInCommittee, badSignature })
            net.Gossip(Sender, Victim, new Wire.AttestationGossip(a));
        net.RunUntil(() => net.Events("attestation_rejected").Length >= 4, TimeSpan.FromSeconds(1));

        net.Events("attestation_rejected")
            .Select(e => (e.Node, e.Long("validator"), e.Long("slot"), e.Long("from"), e.Reason()))
            .Should().BeEquivalentTo(new[]
            {
                (Victim, (long)member, (long)slot, (long)Sender, NodeEventFields.Normalize(AttestationInvalidReason.WrongSource)),
                (Victim, (long)member, (long)slot, (long)Sender, NodeEventFields.Normalize(AttestationInvalidReason.FutureTarget)),
                (Victim, (long)outsider, (long)slot, (long)Sender, NodeEventFields.Normalize(AttestationInvalidReason.NotInCommittee)),
                (Victim, (long)member, (long)slot, (long)Sender, NodeEventFields.Normalize(AttestationInvalidReason.BadSignature)),
            });
        net.Events("attestation_rejected").Should().AllSatisfy(e => e.Text("detail").Should().NotBeNullOrWhiteSpace("every rejection says why"));

        AssertKeepsFollowingAndFinalizing(net);
    }

    [Fact]
    public void Rejects_bad_blocks_with_their_reason_and_keeps_finalizing()
    {
        using var net = FourHonestNodes("bad-blocks");
        var c = net.Config;
        var slot = Epoch * c.SlotsPerEpoch;
        net.RunToEpoch(Epoch, -300); // late in slot 23: the victim's head is the block of slot 23
        var parent = net.PosStatus(Victim);
        parent.HeadSlot.Should().Be(slot - 1, "the parent of the bad blocks");
        var parentState = parent.HeadState;
        var advanced = parentState.Copy();
        SlotProcessing.ProcessSlots(advanced, slot, c);
        var proposer = Proposers.BeaconProposerIndex(advanced, slot, c)!.Value;
        var impostor = (proposer + 1) % ValidatorCount;

        var valid = BlockProduction.Produce(parentState, slot, proposer, net.Key(proposer), [], [], [], [], c, SignatureCheck.Shared);
        BlockProcessing.ProcessBlock(parentState, valid.Block, c, SignatureCheck.Shared)
            .Should().BeOfType<BlockApplied>("the block before it is spoiled is valid");
        var badStateRoot = Forge.Resigned(valid.Block.Header with { StateRoot = Forge.Hash("not the post-state") }, valid.Block.Body,
            net.Key(proposer));
        var wrongProposer = ProposedBy(impostor, net.Key(impostor), valid.Block, c);

        net.RunToEpoch(Epoch, 100); // deliver in the block's own slot, so the clock check lets them through
        foreach (var b in new[] { badStateRoot, wrongProposer })
            net.Gossip(Sender, Victim, new Wire.BeaconBlockGossip(b));
        net.RunUntil(() => net.Events("block_rejected").Length >= 2, TimeSpan.FromSeconds(1));

        net.Events("block_rejected")
            .Select(e => (e.Node, e.Text("root"), e.Long("slot"), e.Long("from"), e.Reason()))
            .Should().BeEquivalentTo(new[]
            {
                (Victim, badStateRoot.Root.ToString(), (long)slot, (long)Sender, NodeEventFields.Normalize(BlockInvalidReason.StateRootMismatch)),
                (Victim, wrongProposer.Root.ToString(), (long)slot, (long)Sender, NodeEventFields.Normalize(BlockInvalidReason.WrongProposer)),
            });
        net.Events("block_rejected").Should().AllSatisfy(e => e.Text("detail").Should().NotBeNullOrWhiteSpace("every rejection says why"));

        AssertKeepsFollowingAndFinalizing(net);
        var bad = new[] { badStateRoot.Root.ToString(), wrongProposer.Root.ToString() };
        net.Events("block_imported").Should().NotContain(e => bad.Contains(e.Text("root")), "no node took a bad block");
    }

    /// <summary>
    /// After the bad input the victim is alive and on the honest chain: its head reaches the first slot of epoch 6 with
    /// everyone else's, epoch 5's transition finalizes epoch 3 or later, and nothing else was rejected anywhere.
    /// </summary>
    private static void AssertKeepsFollowingAndFinalizing(SimNetwork net)
    {
        var rejectedSoFar = net.Events("block_rejected").Length + net.Events("attestation_rejected").Length;
        var c = net.Config;
        net.RunToEpoch(6, 200); // the block of slot 48 has reached every node

        var status = net.PosStatus(Victim);
        status.HeadSlot.Should().Be(6 * c.SlotsPerEpoch, "the victim's head kept advancing");
        net.AllOnOneHead().Should().BeTrue("every node on one head");
        var last = net.LastTransition(Victim);
        last.Epoch.Should().Be(5);
        last.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(Epoch, "the victim kept finalizing");
        status.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(Epoch, "its fork-choice store too");
        (net.Events("block_rejected").Length + net.Events("attestation_rejected").Length)
            .Should().Be(rejectedSoFar, "nothing else was rejected, on any node");
    }

    /// <summary>The block of <paramref name="like"/>'s slot and parent as <paramref name="impostor"/> would make it, self-consistent.</summary>
    private static BeaconBlock ProposedBy(int impostor, SigningKey key, BeaconBlock like, ConsensusConfig c)
    {
        var randaoRoot = Sha256.Hash(new CanonicalWriter(8).U64Le(c.EpochOf(like.Slot)).ToArray());
        var body = BeaconBlockBody.Empty(key.Sign(Domain.Randao, randaoRoot));
        var header = new BeaconBlockHeader(like.Slot, (ulong)impostor, like.ParentRoot, like.Header.StateRoot, body.Root);
        return Forge.Resigned(header, body, key);
    }
}
