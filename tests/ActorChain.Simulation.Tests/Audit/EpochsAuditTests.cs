using System.Collections.Immutable;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.TestKit;
using AwesomeAssertions.Execution;
using Xunit.Abstractions;

namespace ActorChain.Simulation.Tests.Audit;

/// <summary>
/// The independent audit of every epoch transition of a run: for a 6-epoch honest run, every transition's
/// justification, finalization, balances and effective balances are recomputed from its Before fields and flags
/// (CONSENSUS.md §5.5, in <see cref="TransitionAudit"/>, which uses nothing from core) and compared with what the node
/// says happened, for every validator of every transition of every node. The roots of newly justified checkpoints come
/// from the recorded events: the block each node imported at the epoch's start slot.
/// </summary>
public sealed class EpochsAuditTests(ITestOutputHelper output)
{
    private const int NodeCount = 4;
    private const int ValidatorCount = 16;
    private const long Epochs = 6;

    [Fact]
    public void Recomputes_every_transition_of_an_honest_run_from_its_before_fields()
    {
        var audit = Run("fast-links", 50, 20);

        audit.LastFinalizedEpoch.Should().BeGreaterThanOrEqualTo(3, "an honest run finalizes");
        audit.FlagRewards.Should().Be(3 * ValidatorCount * NodeCount * 5, "every duty of epochs 0..4 paid");
    }

    /// <summary>
    /// Links slower than SECONDS_PER_SLOT / 3 make honest votes miss the head or the target, or land too late for SOURCE,
    /// so the same audit also covers the penalty side of step 3 and a non-trivial inactivity update.
    /// </summary>
    [Fact]
    public void Recomputes_the_penalties_of_an_honest_run_on_slow_links()
    {
        var audit = Run("slow-links", 300, 250);

        audit.FlagPenalties.Should().BePositive("honest votes that missed SOURCE or TARGET were penalized");
        audit.MissedHead.Should().BePositive("honest votes that missed the head");
    }

    /// <summary>What one run's audit covered.</summary>
    private sealed record Audited(int Transitions, int ValidatorTransitions, long LastJustifiedEpoch, long LastFinalizedEpoch,
        int FlagRewards, int FlagPenalties, int MissedHead, int InactivityPenalties, int EffectiveBalanceChanges);

    private Audited Run(string name, long latencyMean, long latencyJitter)
    {
        List<EpochLine> lines = [];
        BlockRoots roots;
        using (var net = SimNetwork.Create(name).Nodes(NodeCount).Validators(ValidatorCount, 32)
                   .Link(new LinkSettings(latencyMean, latencyJitter, 0.0)).Seed(7).Pos().Start())
        {
            net.RunToEpoch((ulong)Epochs, 500);
            for (var node = 0; node < NodeCount; node++)
                lines.AddRange(net.Transitions(node).Where(t => (long)t.Epoch < Epochs).Select(t => EpochLine.Of(node, t)));
            roots = BlockRoots.Of(net.Events());
        }

        for (var node = 0; node < NodeCount; node++)
            lines.Where(l => l.Node == node).Select(l => l.Epoch).Should().Equal(Enumerable.Range(0, (int)Epochs).Select(e => (long)e),
                $"node {node} has one transition per epoch 0..{Epochs - 1}, in order");
        lines.Should().HaveCount(NodeCount * (int)Epochs);

        Dictionary<int, EpochLine> previousLineOf = [];
        int flagRewards = 0, flagPenalties = 0, missedHead = 0, inactivityPenalties = 0, effectiveBalanceChanges = 0;
        using (new AssertionScope())
        {
            foreach (var line in lines)
            {
                AssertHonestRegistry(line);
                var balances = TransitionAudit.TargetBalancesOf(line);
                line.TotalActiveBalance.Should().Be(balances.TotalActiveBalance, $"{line}: totalActiveBalance");
                line.PreviousTargetBalance.Should().Be(balances.PreviousTargetBalance, $"{line}: previousTargetBalance");
                line.CurrentTargetBalance.Should().Be(balances.CurrentTargetBalance, $"{line}: currentTargetBalance");

                var j = TransitionAudit.JustificationAndFinalization(line, balances, e => roots.BlockRoot(line.Node, e));
                line.Bits.Should().Be(j.Bits, $"{line}: bits (before {line.BitsBefore})");
                line.PreviousJustified.Should().Be(j.PreviousJustified, $"{line}: previousJustified");
                line.CurrentJustified.Should().Be(j.CurrentJustified, $"{line}: currentJustified");
                line.Finalized.Should().Be(j.Finalized, $"{line}: finalized");

                var inLeak = TransitionAudit.InLeak(line.Epoch, j.Finalized);
                line.InLeak.Should().Be(inLeak, $"{line}: inLeak");

                var expected = TransitionAudit.Validators(line, balances.TotalActiveBalance, inLeak);
                foreach (var v in line.Validators)
                {
                    var x = expected[v.Index];
                    v.InactivityScore.Should().Be(x.InactivityScore, $"{line}, {v.Name}: inactivityScore (before {v.InactivityScoreBefore})");
                    v.Balance.Should().Be(x.Balance, $"{line}, {v.Name}: balance (before {v.BalanceBefore}, flags {v.PreviousFlags})");
                    v.EffectiveBalance.Should().Be(x.EffectiveBalance, $"{line}, {v.Name}: effectiveBalance (before {v.EffectiveBalanceBefore})");
                    flagRewards += x.FlagRewards;
                    flagPenalties += x.FlagPenalties;
                    missedHead += line.Epoch > 0 && (v.PreviousFlags & 4) == 0 ? 1 : 0;
                    inactivityPenalties += x.InactivityPenalty ? 1 : 0;
                    effectiveBalanceChanges += x.EffectiveBalance != v.EffectiveBalanceBefore ? 1 : 0;
                }
                if (previousLineOf.TryGetValue(line.Node, out var earlier))
                    AssertContinuity(earlier, line);
                previousLineOf[line.Node] = line;
            }
        }

        var last = lines[^1];
        var audit = new Audited(lines.Count, lines.Count * ValidatorCount, last.CurrentJustified.Epoch, last.Finalized.Epoch,
            flagRewards, flagPenalties, missedHead, inactivityPenalties, effectiveBalanceChanges);
        output.WriteLine($"epoch audit ({name}, {latencyMean} ± {latencyJitter} ms): {audit.Transitions} transitions ({NodeCount} nodes × "
            + $"epochs 0..{Epochs - 1}), {audit.ValidatorTransitions} validator transitions; justification, finalization, target balances, "
            + $"inLeak, inactivity scores, balances and effective balances all recomputed and equal; justified {audit.LastJustifiedEpoch}, "
            + $"finalized {audit.LastFinalizedEpoch}; {audit.FlagRewards} flag rewards, {audit.FlagPenalties} flag penalties, "
            + $"{audit.MissedHead} missed heads, {audit.InactivityPenalties} inactivity penalties, {audit.EffectiveBalanceChanges} "
            + "effective-balance changes");
        return audit;
    }

    /// <summary>The audit models no deposits, exits or slashings: in an honest run every validator is active from genesis.</summary>
    private static void AssertHonestRegistry(EpochLine line)
    {
        line.Validators.Should().HaveCount(ValidatorCount, $"{line}: validators");
        foreach (var v in line.Validators)
        {
            v.Slashed.Should().BeFalse($"{line}: {v.Name} slashed");
            v.ActivationEpoch.Should().Be(0, $"{line}: {v.Name} activation");
            v.ExitEpoch.Should().BeNull($"{line}: {v.Name} exit");
        }
    }

    /// <summary>
    /// The Before fields of a transition are what the previous transition left, plus the blocks of the epoch between:
    /// those may only pay the proposer (balances up), add flags, and never touch the rest.
    /// </summary>
    private static void AssertContinuity(EpochLine earlier, EpochLine line)
    {
        line.BitsBefore.Should().Be(earlier.Bits, $"{line}: bitsBefore");
        new[] { line.PreviousJustifiedBefore, line.CurrentJustifiedBefore, line.FinalizedBefore }
            .Should().Equal([earlier.PreviousJustified, earlier.CurrentJustified, earlier.Finalized], $"{line}: checkpoints before");
        foreach (var v in line.Validators)
        {
            var was = earlier.Validators[v.Index];
            v.EffectiveBalanceBefore.Should().Be(was.EffectiveBalance, $"{line}, {v.Name}: effectiveBalanceBefore");
            v.InactivityScoreBefore.Should().Be(was.InactivityScore, $"{line}, {v.Name}: inactivityScoreBefore");
            v.BalanceBefore.Should().BeGreaterThanOrEqualTo(was.Balance, $"{line}, {v.Name}: balanceBefore");
            (v.PreviousFlags & was.CurrentFlags).Should().Be(was.CurrentFlags, $"{line}, {v.Name}: flags of epoch {earlier.Epoch} only grow");
        }
    }

    /// <summary>
    /// <c>BlockRoot(node, e)</c> from the recorded events: the genesis checkpoint's root for epoch 0 (the merge's terminal
    /// block), else the block the node imported at the latest slot ≤ e × SLOTS_PER_EPOCH. That is the canonical one only
    /// while the node saw no competing block at that slot, which the lookup insists on.
    /// </summary>
    private sealed record BlockRoots(ImmutableSortedDictionary<int, string> Genesis,
        ImmutableSortedDictionary<int, ImmutableSortedDictionary<long, ImmutableArray<string>>> Imported)
    {
        public static BlockRoots Of(IEnumerable<NodeEvent> events)
        {
            var genesis = new SortedDictionary<int, string>();
            var imported = new SortedDictionary<int, SortedDictionary<long, List<string>>>();
            foreach (var e in events)
            {
                switch (e.Type)
                {
                    case "merge":
                        genesis[e.Node] = e.Text("terminalHash")!;
                        break;
                    case "block_imported" when e["slot"] is not null:
                        if (!imported.TryGetValue(e.Node, out var bySlot)) imported[e.Node] = bySlot = [];
                        if (!bySlot.TryGetValue(e.Long("slot"), out var roots)) bySlot[e.Long("slot")] = roots = [];
                        roots.Add(e.Text("root")!);
                        break;
                }
            }
            return new BlockRoots(genesis.ToImmutableSortedDictionary(),
                imported.ToImmutableSortedDictionary(n => n.Key, n => n.Value.ToImmutableSortedDictionary(s => s.Key, s => s.Value.ToImmutableArray())));
        }

        public string BlockRoot(int node, long epoch)
        {
            if (epoch == 0) return Genesis[node];
            var bound = epoch * TransitionAudit.SlotsPerEpoch;
            var latest = Imported.TryGetValue(node, out var bySlot) ? bySlot.LastOrDefault(s => s.Key <= bound) : default;
            if (latest.Value.IsDefault) return Genesis[node];
            latest.Value.Should().HaveCount(1, $"node {node} imported one block at slot {latest.Key} (the audit reads blockRoot({epoch}) from it)");
            return latest.Value[0];
        }
    }
}
