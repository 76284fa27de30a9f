using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Faults;

/// <summary>
/// The <c>crash</c> fault in an embedded network (ARCHITECTURE.md, "Faults"): a node whose validators are on duty stops
/// mid-slot, and restarts a few slots later from its stores. It reloads its chain (nothing it had finalized is lost), its
/// validators reload their slashing-protection records, it catches up with its peers through SyncActor, and finality
/// goes on; nobody signs anything slashable.
/// </summary>
public sealed class CrashRestartTests
{
    private const int NodeCount = 4;
    private const int ValidatorCount = 16;
    private const int Crashed = 2;
    private const int Watcher = 0;

    /// <summary>An attestation duty: validator <paramref name="Name"/> (registry index <paramref name="Index"/>) attests at <paramref name="Slot"/>.</summary>
    private sealed record Duty(string Name, int Index, ulong Slot);

    private static SimNetwork FourNodes(string name) =>
        SimNetwork.Create(name).Nodes(NodeCount).Validators(ValidatorCount, 32).Seed(5).Pos().Start();

    /// <summary>v{i} sits at registry index i on node i % 4.</summary>
    private static List<int> HostedBy(int node) => [.. Enumerable.Range(0, ValidatorCount).Where(v => v % NodeCount == node)];

    /// <summary>The first attestation duty of <paramref name="node"/>'s validators in <paramref name="epoch"/> at or after <paramref name="fromSlot"/>.</summary>
    private static Duty? FirstDuty(BeaconState state, ConsensusConfig c, int node, ulong epoch, ulong fromSlot)
    {
        Duty? first = null;
        foreach (var index in HostedBy(node))
        {
            var a = Committees.CommitteeOf(state, epoch, index, c);
            if (a is { } found && found.Slot >= fromSlot && (first is null || found.Slot < first.Slot))
                first = new Duty("v" + index, index, found.Slot);
        }
        return first;
    }

    private static SlashingProtectionRecord Protection(SimNetwork net, int node, string validator) =>
        net.Stores(node).Protection.Load(validator) ?? SlashingProtectionRecord.Empty;

    [Fact]
    public void Restarts_from_its_stores_without_signing_anything_slashable_or_losing_what_it_finalized()
    {
        using var net = FourNodes("crash-restart");
        var c = net.Config;
        var slotMillis = (long)c.MillisPerSlot;
        var seen = net.WatchChain(Watcher, ChainEventKind.Attestation, ChainEventKind.LocalAttestation,
            ChainEventKind.BlockAttestations, ChainEventKind.BeaconBlockImported);

        Duty? found = null;
        for (ulong epoch = 4; found is null; epoch++)
        {
            epoch.Should().BeLessThan(8, $"a duty of node {Crashed}'s validators late enough in an epoch");
            net.RunToEpoch(epoch, 500);
            found = FirstDuty(net.PosStatus(Crashed).HeadState, c, Crashed, epoch, epoch * c.SlotsPerEpoch + 2);
        }
        var duty = found;
        var attestAt = net.SlotStartMillis(duty.Slot) + slotMillis / 3;
        net.RunUntilMillis(attestAt - 100); // mid-slot, right before the duty
        var dutyEpoch = c.EpochOf(duty.Slot);
        var lastTarget = Protection(net, Crashed, duty.Name).LastTargetEpoch;
        (lastTarget == SlashingProtectionRecord.None || lastTarget < dutyEpoch).Should().BeTrue(
            $"{duty.Name} has not attested in epoch {dutyEpoch} yet");
        var atCrash = net.PosStatus(Crashed);
        atCrash.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(2, $"node {Crashed} finalized something before the crash");

        var crashed = net.Crash(Crashed);
        crashed.Accepted.Should().BeTrue(crashed.Detail);
        net.IsUp(Crashed).Should().BeFalse();
        net.Crash(Crashed).Detail.Should().StartWith("node 2 is down already");
        net.Inject(new Fault.Offline("v6")).Detail.Should().Be("node 2 is down (crashed); clear its crash first: offline v6 needs it running");
        net.RunFor(TimeSpan.FromMilliseconds(3 * slotMillis));

        var restarted = net.Restart(Crashed);
        restarted.Accepted.Should().BeTrue(restarted.Detail);
        net.IsUp(Crashed).Should().BeTrue();
        var reloaded = net.PosStatus(Crashed);
        reloaded.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(atCrash.Finalized.Epoch, "finality reloaded from the block store");
        net.BeaconChain(Crashed, atCrash.HeadRoot, 1).Should().HaveCount(1, "the head it had when it crashed");
        net.Events("node_crashed").Select(e => e.Node).Should().Equal(Crashed);
        net.Events("node_restarted").Select(e => e.Node).Should().Equal(Crashed);
        net.Events("beacon_chain_reloaded").Should().ContainSingle().Which.Long("imported").Should().BePositive();

        var resumeEpoch = c.EpochOf(duty.Slot) + 4;
        net.RunToEpoch(resumeEpoch, 600);
        net.RunUntil(net.AllOnOneHead, TimeSpan.FromMilliseconds(slotMillis / 4)).Should().BeTrue($"node {Crashed} caught up with its peers' head");
        var after = net.PosStatus(Crashed);
        var watcher = net.PosStatus(Watcher);
        after.HeadRoot.Should().Be(watcher.HeadRoot);
        after.Finalized.Should().Be(watcher.Finalized);
        after.Finalized.Epoch.Should().BeGreaterThan(atCrash.Finalized.Epoch, "finality goes on");
        net.BeaconChain(Crashed, after.HeadRoot, 64).Select(b => b.Root).Should().Contain(atCrash.Finalized.Root,
            "its chain still holds the checkpoint it had finalized");

        var slasher = new Slasher(c);
        var votes = new List<Attestation>();
        foreach (var s in seen.All)
        {
            switch (s.Event)
            {
                case ChainEvent.AttestationsImported a:
                    votes.AddRange(a.Attestations.Select(v => v.Attestation));
                    break;
                case ChainEvent.BlockAttestationsImported b:
                    votes.AddRange(b.Attestations.Select(v => v.Attestation));
                    break;
                case ChainEvent.BeaconBlockImported b:
                    slasher.OnHeader(new SignedBeaconBlockHeader(b.Block.Header, b.Block.Sig))
                        .Should().BeNull($"a second block of proposer {b.Block.ProposerIndex} at slot {b.Block.Slot}");
                    break;
            }
        }
        foreach (var a in votes)
            slasher.OnAttestation(a).Should().BeNull($"a slashable vote of validator {a.ValidatorIndex}");
        slasher.Offenders.Should().BeEmpty();
        votes.Should().NotContain(a => a.ValidatorIndex == (ulong)duty.Index && a.Data.Slot == duty.Slot,
            $"{duty.Name} never voted for the slot it was on duty when its node crashed");
        foreach (var index in HostedBy(Crashed))
        {
            var highest = votes.Where(a => a.ValidatorIndex == (ulong)index).Select(a => (long)a.Data.Target.Epoch).DefaultIfEmpty(-1).Max();
            highest.Should().BeGreaterThan((long)dutyEpoch, $"v{index} voted after the restart");
            ((long)Protection(net, Crashed, "v" + index).LastTargetEpoch).Should().Be(highest, $"v{index}'s stored record covers every vote it made");
        }
        net.Events("block_rejected").Should().BeEmpty();
    }

    [Fact]
    public void Refuses_to_restart_a_node_that_is_up()
    {
        using var net = FourNodes("restart-up");
        net.RunToEpoch(1, 0);
        net.Restart(1).Detail.Should().Be("node 1 is not crashed: only a crashed node restarts");
        net.Crash(7).Detail.Should().Be("unknown node 7; the nodes are 0..3");
        net.Events("fault_rejected").Should().HaveCount(2);
    }
}
