using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Network;
using ActorChain.Node.Slashing;
using ActorChain.TestKit;
using static ActorChain.Core.Units;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// Slashing end to end (CONSENSUS.md §5.2, §5.4 step 4, §5.5 step 5, §6): real conflicting messages, signed with the
/// offenders' own keys, are injected into node 1 as if node 0 had gossiped them. Node 1's slasher turns them into
/// evidence, every node reports it once and gossips it once, a proposer includes it, block processing slashes the
/// offender, and epoch processing later takes the correlation penalty. Forged evidence slashes nobody.
/// </summary>
public sealed class SlashingTests
{
    private const int NodeCount = 4;
    private const int ValidatorCount = 16;
    private const int Sender = 0;
    private const int Victim = 1;

    private static SimNetwork FourHonestNodes(string name) =>
        SimNetwork.Create(name).Nodes(NodeCount).Validators(ValidatorCount, 32).Seed(3).Pos().Start();

    /// <summary>
    /// The whole life of a double vote in the minimal preset (EPOCHS_PER_SLASHINGS_VECTOR 64, so the correlation penalty
    /// comes 32 epochs after the slashing): two votes for the first slot of epoch 3 that differ in their head root.
    /// </summary>
    [Fact]
    public void Slashes_a_double_vote_and_takes_the_correlation_penalty_halfway_through_the_vector()
    {
        using var net = FourHonestNodes("double-vote");
        var c = net.Config;
        const ulong epoch = 3;
        var slot = c.StartSlot(epoch);
        net.RunToEpoch(epoch, 100); // slot 24 has started everywhere; no vote for it has been made yet
        var ctx = net.SlotContext(Sender, slot);
        var state = ctx.AdvancedState;
        var honest = AttestationProduction.ComputeAttestationData(state, ctx.HeadRoot, slot, 0, c);
        var offender = NotProposingIn(state, epoch, Committees.BeaconCommittee(state, slot, 0, c).ToArray(), c);
        var first = Forge.Vote(net.Key(offender), offender, honest with { HeadRoot = Forge.Hash("fork one") });
        var second = Forge.Vote(net.Key(offender), offender, honest with { HeadRoot = Forge.Hash("fork two") });

        net.Gossip(Sender, Victim, new Wire.AttestationGossip(first));
        net.Gossip(Sender, Victim, new Wire.AttestationGossip(second));
        net.RunUntil(() => EvidenceFound(net, offender).Length == NodeCount, TimeSpan.FromSeconds(3))
            .Should().BeTrue("every node learns of the double vote");
        var balanceBefore = net.PosStatus(Victim).HeadState.Balances[offender];
        net.RunUntil(() => Slashed(net, offender).Length == NodeCount, TimeSpan.FromSeconds(4))
            .Should().BeTrue("a block includes the evidence");

        AssertEvidenceFoundOncePerNode(net, offender, "double-vote", epoch);
        EvidenceFound(net, offender).Should().AllSatisfy(e =>
        {
            e["equivocating"].Should().Be(true, "out of fork choice at once");
            e.Long("target1").Should().Be((long)epoch);
            e.Long("target2").Should().Be((long)epoch);
        });
        AssertGossipedOncePerNode(net);
        var included = Slashed(net, offender)[0];
        var penalty = Coins(32) / c.MinSlashingPenaltyQuotient;
        Slashed(net, offender).Should().AllSatisfy(e =>
        {
            e.Text("kind").Should().Be("double-vote");
            e.Long("penalty").Should().Be((long)penalty);
            e.Text("penaltyCoins").Should().Be("1");
            e.Long("includedAtSlot").Should().Be(included.Long("includedAtSlot"));
        });
        included.Long("includedAtSlot").Should().BeInRange((long)slot + 1, (long)c.StartSlot(epoch + 1) - 1, "within the epoch of the offence");
        var after = net.PosStatus(Victim).HeadState;
        c.EpochOf(after.Slot).Should().Be(epoch, "no epoch processing in between");
        (balanceBefore - after.Balances[offender]).Should().Be(penalty, "effBal // MIN_SLASHING_PENALTY_QUOTIENT");
        var exitEpoch = Mutators.ComputeActivationExitEpoch(epoch, c);
        var withdrawable = Math.Max(exitEpoch + c.MinValidatorWithdrawabilityDelay, epoch + c.EpochsPerSlashingsVector);
        var v = after.Validators[offender];
        v.Slashed.Should().BeTrue();
        v.ExitEpoch.Should().Be(exitEpoch);
        v.WithdrawableEpoch.Should().Be(withdrawable);
        SlashedIndices(after).Should().Equal([offender], "nobody else");

        var due = withdrawable - c.EpochsPerSlashingsVector / 2;
        net.RunToEpoch(due + 1, 500);
        net.Events("validator_exited").Select(e => (e.Node, e.Long("index"), e.Long("exitEpoch"), e["slashed"]))
            .Should().BeEquivalentTo(Enumerable.Range(0, NodeCount).Select(n => (n, (long)offender, (long)exitEpoch, (object?)true)),
                "each node sees it leave at its exit epoch");
        var atDue = net.Transitions(Victim).First(t => t.Epoch == due);
        var effectiveBalance = atDue.Validators[offender].EffectiveBalanceBefore;
        var adjusted = Math.Min(3 * Coins(32), atDue.TotalActiveBalance); // Σ slashings × MULTIPLIER, capped
        var correlation = effectiveBalance / Coins(1) * adjusted / atDue.TotalActiveBalance * Coins(1);
        correlation.Should().BePositive("a real penalty");
        atDue.CorrelationPenalties.Should().Equal(new CorrelationPenalty(offender, correlation));
        net.Events("correlation_penalty").Select(e => (e.Node, e.Long("index"), e.Long("epoch"), e.Long("amount")))
            .Should().BeEquivalentTo(Enumerable.Range(0, NodeCount).Select(n => (n, (long)offender, (long)due, (long)correlation)),
                "once per node, at withdrawable − VECTOR/2");
        net.Events("evidence_rejected").Should().BeEmpty();
        net.AllOnOneHead().Should().BeTrue();
    }

    /// <summary>
    /// A double proposal and a surround vote in one network. The proposer's second block for the first slot of epoch 3
    /// reaches node 1 before its honest one; the surround vote (source 0, target 5) reaches it after the surrounded
    /// honest votes of epochs 3 and 4, and is refused on gossip for its committee yet still counts as signed evidence.
    /// </summary>
    [Fact]
    public void Slashes_a_double_proposal_and_a_surround_vote()
    {
        using var net = FourHonestNodes("proposal-and-surround");
        var c = net.Config;
        var slot = c.StartSlot(3);
        net.RunToEpoch(3, -300); // late in slot 23: the victim's head is the block of slot 23
        var parentState = net.PosStatus(Victim).HeadState;
        var advanced = parentState.Copy();
        SlotProcessing.ProcessSlots(advanced, slot, c);
        var proposer = Proposers.BeaconProposerIndex(advanced, slot, c)!.Value;
        var second = BlockProduction.Produce(parentState, slot, proposer, net.Key(proposer), [], [], [], [], c, SignatureCheck.Shared).Block;
        net.RunToEpoch(3, 10); // the slot has started; the honest block is still on its way
        net.Gossip(Sender, Victim, new Wire.BeaconBlockGossip(second));
        net.RunUntil(() => EvidenceFound(net, proposer).Length == NodeCount, TimeSpan.FromSeconds(3))
            .Should().BeTrue("every node learns of the double proposal");
        net.Events("block_proposed").Where(e => e.Long("slot") == (long)slot).Select(e => e.Text("root"))
            .Should().NotContain(second.Root.ToString(), "the honest block differs");

        const ulong epoch = 5;
        net.RunToEpoch(epoch, 100);
        var ctx = net.SlotContext(Sender, c.StartSlot(epoch));
        var state = ctx.AdvancedState;
        var surrounder = Enumerable.Range(0, ValidatorCount).First(v => v != proposer
            && Committees.CommitteeOf(state, epoch, v, c)!.Value.Slot > c.StartSlot(epoch) + 1); // it has not voted in epoch 5 yet
        var honest = AttestationProduction.ComputeAttestationData(state, ctx.HeadRoot, c.StartSlot(epoch), 0, c);
        state.PreviousJustified.Epoch.Should().BePositive("the honest vote of epoch 4 has a source after 0");
        var surrounding = honest with { Source = new Checkpoint(0, state.PreviousJustified.Root) };
        net.Gossip(Sender, Victim, new Wire.AttestationGossip(Forge.Vote(net.Key(surrounder), surrounder, surrounding)));
        net.RunUntil(() => EvidenceFound(net, surrounder).Length == NodeCount && Slashed(net, surrounder).Length == NodeCount
                && Slashed(net, proposer).Length == NodeCount, TimeSpan.FromSeconds(6))
            .Should().BeTrue("both found everywhere and included");

        EvidenceFound(net, proposer).Select(e => e.Node).Should().BeEquivalentTo([0, 1, 2, 3]);
        EvidenceFound(net, proposer).Should().AllSatisfy(e =>
        {
            e.Text("kind").Should().Be("double-proposal");
            e.Long("slot").Should().Be((long)slot);
            e.Long("epoch").Should().Be(3);
        });
        AssertEvidenceFoundOncePerNode(net, surrounder, "surround-vote", epoch);
        EvidenceFound(net, surrounder).Should().AllSatisfy(e =>
        {
            e.Long("source1").Should().Be(0, "the surrounding vote first");
            e.Long("target1").Should().Be((long)epoch);
            e.Long("target2").Should().BeLessThan((long)epoch, "an earlier honest vote");
            e.Long("source2").Should().BePositive();
        });
        net.Events("attestation_rejected").Select(e => (e.Node, e.Long("validator"), e.Reason()))
            .Should().Equal([(Victim, (long)surrounder, NodeEventFields.Normalize(AttestationInvalidReason.NotInCommittee))],
                "refused on gossip, yet signed evidence");
        for (var n = 0; n < NodeCount; n++)
        {
            var s = Stats(net, n);
            s.Found.Should().Be(2, $"node {n} found");
            s.Gossiped.Should().Be(2, $"node {n} gossiped");
        }
        Slashed(net, proposer).Select(e => e.Text("kind")).Should().OnlyContain(k => k == "double-proposal");
        Slashed(net, surrounder).Select(e => e.Text("kind")).Should().OnlyContain(k => k == "surround-vote");
        SlashedIndices(net.PosStatus(Victim).HeadState).Should().BeEquivalentTo([proposer, surrounder]);
        net.Events("evidence_rejected").Should().BeEmpty();
    }

    /// <summary>
    /// Forged attester slashings (a signature over other data; two votes that are neither a double nor a surround vote)
    /// and a proposer slashing of one header twice: each is rejected on node 1 with its reason, once however often it
    /// comes, goes no further, and slashes nobody; node 1 keeps following the chain and finalizing.
    /// </summary>
    [Fact]
    public void Rejects_forged_evidence_with_its_reason_and_slashes_nobody()
    {
        using var net = FourHonestNodes("forged-evidence");
        var c = net.Config;
        const ulong epoch = 4;
        net.RunToEpoch(epoch, 100);
        var ctx = net.SlotContext(Sender, c.StartSlot(epoch));
        var state = ctx.AdvancedState;
        const int victim = 5;
        var k = net.Key(victim);
        var honest = AttestationProduction.ComputeAttestationData(state, ctx.HeadRoot, c.StartSlot(epoch), 0, c);
        var signedOne = Forge.Vote(k, victim, honest with { HeadRoot = Forge.Hash("one") });
        var otherData = new Attestation(victim, honest with { HeadRoot = Forge.Hash("two") }, signedOne.Sig);
        var earlier = new AttestationData(c.StartSlot(epoch - 1), 0, Forge.Hash("x"), new Checkpoint(epoch - 2, Forge.Hash("y")),
            new Checkpoint(epoch - 1, Forge.Hash("z")));
        var later = new AttestationData(c.StartSlot(epoch), 0, Forge.Hash("x"), new Checkpoint(epoch - 1, Forge.Hash("z")),
            new Checkpoint(epoch, Forge.Hash("w")));
        var mismatched = new AttesterSlashing(signedOne, otherData);
        var harmless = new AttesterSlashing(Forge.Vote(k, victim, earlier), Forge.Vote(k, victim, later));
        var head = net.BeaconChain(Victim, ctx.HeadRoot, 1)[0];
        var signedHead = new SignedBeaconBlockHeader(head.Header, head.Sig);
        var sameHeaderTwice = new ProposerSlashing(signedHead, signedHead);

        for (var i = 0; i < 2; i++)
        {
            net.Gossip(Sender, Victim, new Wire.AttesterSlashingGossip(mismatched));
            net.Gossip(Sender, Victim, new Wire.AttesterSlashingGossip(harmless));
            net.Gossip(Sender, Victim, new Wire.ProposerSlashingGossip(sameHeaderTwice));
        }
        net.RunUntil(() => net.Events("evidence_rejected").Length >= 3, TimeSpan.FromSeconds(1));

        net.Events("evidence_rejected").Select(e => (e.Node, e.Long("index"), e.Reason(), e.Long("from")))
            .Should().BeEquivalentTo(new[]
            {
                (Victim, (long)victim, NodeEventFields.Normalize(SlashingInvalidReason.BadSignature), (long)Sender),
                (Victim, (long)victim, NodeEventFields.Normalize(SlashingInvalidReason.NotSlashableData), (long)Sender),
                (Victim, (long)head.ProposerIndex, NodeEventFields.Normalize(SlashingInvalidReason.SameHeader), (long)Sender),
            });
        net.Events("evidence_rejected").Should().AllSatisfy(e => e.Text("detail").Should().NotBeNullOrWhiteSpace("every rejection says why"));
        var s = Stats(net, Victim);
        s.Rejected.Should().Be(3);
        s.Duplicates.Should().Be(3, "the second copies");
        s.Gossiped.Should().Be(0);

        net.RunToEpoch(epoch + 3, 200);
        net.Events("evidence_found").Should().BeEmpty();
        net.Events("validator_slashed").Should().BeEmpty();
        net.Events("evidence_rejected").Should().HaveCount(3, "nothing was relayed");
        var status = net.PosStatus(Victim);
        status.HeadSlot.Should().Be(c.StartSlot(epoch + 3), "the victim kept following");
        status.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(epoch, "and finalizing");
        SlashedIndices(status.HeadState).Should().BeEmpty();
        net.AllOnOneHead().Should().BeTrue();
    }

    /// <summary>A member of <paramref name="committee"/> that proposes no block in <paramref name="epoch"/>, so only the slashing moves its balance.</summary>
    private static int NotProposingIn(BeaconState state, ulong epoch, int[] committee, ConsensusConfig c)
    {
        var proposers = Enumerable.Range(0, (int)c.SlotsPerEpoch)
            .Select(i => Proposers.BeaconProposerIndex(state, c.StartSlot(epoch) + (ulong)i, c)).ToList();
        return committee.First(v => !proposers.Contains(v));
    }

    private static void AssertEvidenceFoundOncePerNode(SimNetwork net, int offender, string kind, ulong epoch)
    {
        var found = EvidenceFound(net, offender);
        found.Select(e => e.Node).Should().BeEquivalentTo([0, 1, 2, 3]);
        found.Should().AllSatisfy(e =>
        {
            e.Text("kind").Should().Be(kind);
            e.Long("epoch").Should().Be((long)epoch);
            e.Text("name").Should().Be("v" + offender);
        });
        found.Where(e => e.Node == Victim).Select(e => e.Text("via")).Should().Equal("slasher");
        found.Where(e => e.Node != Victim).Select(e => e.Text("via")).Should().OnlyContain(v => v == "gossip");
    }

    private static void AssertGossipedOncePerNode(SimNetwork net)
    {
        for (var n = 0; n < NodeCount; n++)
        {
            var s = Stats(net, n);
            s.Found.Should().Be(1, $"node {n} found");
            s.Gossiped.Should().Be(1, $"node {n} gossiped");
            s.Rejected.Should().Be(0, $"node {n} rejected");
        }
    }

    private static SlasherActor.Stats Stats(SimNetwork net, int node) =>
        net.Ask<SlasherActor.Stats>(net.Parts(node).Slasher, r => new SlasherActor.GetStats(r));

    private static ImmutableArray<NodeEvent> EvidenceFound(SimNetwork net, int offender) =>
        [.. net.Events("evidence_found").Where(e => e.Long("index") == offender)];

    private static ImmutableArray<NodeEvent> Slashed(SimNetwork net, int offender) =>
        [.. net.Events("validator_slashed").Where(e => e.Long("index") == offender)];

    private static List<int> SlashedIndices(BeaconState s) =>
        [.. Enumerable.Range(0, ValidatorCount).Where(i => s.Validators[i].Slashed)];
}
