using ActorChain.Core.Pos.Model;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Node.Time;
using ActorChain.TestKit;
using Xunit.Abstractions;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// Accountable safety (Casper FFG's theorem) as a seeded property test through the actors: runs of a two-node network
/// whose byzantine validators run on both nodes (one key, two copies, each signing what its own node sees), with a
/// random byzantine set, a random partition window between the two nodes, and sometimes an honest validator offline.
/// Then: with byzantine stake below 1/3 the two nodes never finalize conflicting checkpoints; when they do (byzantine
/// stake at or above 1/3), the nodes' slashers, once the partition heals, name validators holding at least 1/3 of the
/// stake. The partition lasts 4 or 5 epochs: long enough for a side with 2/3 to finalize a checkpoint of its own, too
/// short for the inactivity leak to drain the other side's stake. Honest validators are split evenly between the nodes.
/// </summary>
public sealed class AccountableSafetyTests(ITestOutputHelper output)
{
    /// <summary>Runs of the property: ACTORCHAIN_ACCOUNTABLE_RUNS overrides the 200 of the Java suite.</summary>
    private static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("ACTORCHAIN_ACCOUNTABLE_RUNS"), out var r) ? r : 200;
    private const int ValidatorCount = 12;
    private const ulong Stake = 32;

    /// <summary>How one run came out.</summary>
    private enum Outcome
    {
        BelowThirdNoConflict,
        BelowThirdConflict,
        ThirdOrMoreNoConflict,
        ThirdOrMoreConflictNamed,
        ThirdOrMoreConflictUnnamed,
    }

    [Fact]
    public void Never_finalizes_conflicting_checkpoints_below_a_third_and_names_a_third_whenever_it_does()
    {
        var counts = new int[Enum.GetValues<Outcome>().Length];
        var failures = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            var o = RunOnce(run);
            counts[(int)o]++;
            if (o is Outcome.BelowThirdConflict or Outcome.ThirdOrMoreConflictUnnamed)
                failures.Add($"run {run}: {o}");
        }
        output.WriteLine($"accountable safety through the actors, {Runs} runs: byzantine < 1/3: {counts[0]} without conflicting finality, "
            + $"{counts[1]} with; byzantine >= 1/3: {counts[2]} without conflicting finality, {counts[3]} with it and the slashers "
            + $"naming >= 1/3 of the stake, {counts[4]} with it and not");
        failures.Should().BeEmpty("no run may break the property");
        counts[(int)Outcome.ThirdOrMoreConflictNamed].Should().BeGreaterThanOrEqualTo(Runs / 10,
            "enough runs with conflicting finality for the second half of the property to mean something");
        counts[(int)Outcome.BelowThirdNoConflict].Should().BeGreaterThanOrEqualTo(Runs / 5, "runs below a third");
    }

    private static Outcome RunOnce(int run)
    {
        var random = new SplitMix64(0xACC0_0000UL + (ulong)run);
        var byzantineCount = random.Next(ValidatorCount / 2 + 1); // 0 … 6 of 12: up to half the stake
        // v is dealt to node v % 2. Half the byzantine validators (the odd one out on a random side) come from each node's
        // share, so the honest stake splits evenly: then each side of the partition can hold 2/3 with them.
        var even = Shuffled(Enumerable.Range(0, ValidatorCount).Where(v => v % 2 == 0).ToList(), random);
        var odd = Shuffled(Enumerable.Range(0, ValidatorCount).Where(v => v % 2 == 1).ToList(), random);
        var fromEven = byzantineCount / 2 + (byzantineCount % 2 == 1 && random.Next(2) == 1 ? 1 : 0);
        var byzantine = new SortedSet<int>(even.Take(fromEven).Concat(odd.Take(byzantineCount - fromEven)));
        var honestValidators = Enumerable.Range(0, ValidatorCount).Where(v => !byzantine.Contains(v)).ToList();
        var partitionFrom = 2 + (ulong)random.Next(2);
        var healAt = partitionFrom + 4 + (ulong)random.Next(2);
        var end = healAt + 3;
        string? offline = random.Next(4) == 0 ? "v" + honestValidators[random.Next(honestValidators.Count)] : null;

        var b = SimNetwork.Create("accountable-" + run).Nodes(2).Validators(ValidatorCount, Stake)
            .Link(new LinkSettings(40, 20, 0.0)).Seed((ulong)run + 1).Pos();
        foreach (var v in byzantine)
            b.AlsoHost(1 - v % 2, "v" + v); // v is dealt to node v % 2; its second copy runs on the other node
        using var net = b.Start();
        if (offline is not null)
            net.Inject(new Fault.Offline(offline)).Accepted.Should().BeTrue();
        net.RunToEpoch(partitionFrom, 1);
        net.Partition([0], [1]);
        net.RunToEpoch(healAt, 1);
        net.Heal();
        net.RunToEpoch(end, 1);

        var conflicting = Conflicting(net);
        var thirdOrMore = byzantineCount * 3 >= ValidatorCount;
        if (!thirdOrMore)
            return conflicting ? Outcome.BelowThirdConflict : Outcome.BelowThirdNoConflict;
        if (!conflicting)
            return Outcome.ThirdOrMoreNoConflict;
        var named = net.Events("evidence_found").Select(e => (int)e.Long("index")).ToHashSet();
        byzantine.Should().Contain(named, $"run {run}: the slashers name only byzantine validators");
        return named.Count * 3 >= ValidatorCount ? Outcome.ThirdOrMoreConflictNamed : Outcome.ThirdOrMoreConflictUnnamed;
    }

    private static List<int> Shuffled(List<int> list, SplitMix64 random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>Whether the later of the two nodes' last finalized checkpoints lacks the earlier one in its chain.</summary>
    private static bool Conflicting(SimNetwork net)
    {
        var f0 = net.LastTransition(0).Finalized;
        var f1 = net.LastTransition(1).Finalized;
        var laterNode = f0.Epoch <= f1.Epoch ? 1 : 0;
        Checkpoint earlier = laterNode == 1 ? f0 : f1, later = laterNode == 1 ? f1 : f0;
        if (earlier.Epoch == 0 || earlier == later)
            return false; // the genesis checkpoint is in every chain
        var ancestry = net.BeaconChain(laterNode, later.Root, 1024).Select(x => x.Root).ToList();
        ancestry.Should().Contain(later.Root, $"node {laterNode} holds its finalized block");
        return !ancestry.Contains(earlier.Root);
    }
}
