using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using CsCheck;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

/// <summary>
/// Conservation of gwei in epoch processing (CONSENSUS.md §5.5). Only step 3 (rewards and penalties) and step 5
/// (correlation penalties) move gwei; the law, for every state at the end of any epoch E:
/// <list type="bullet">
/// <item>let <c>D₀, D₁, D₂</c> be the SOURCE, TARGET and HEAD deltas and <c>D_I</c> the inactivity penalties, each
/// computed on the state after steps 1–2 (empty when E = 0, where step 3 is skipped);</item>
/// <item>for every validator v, starting from <c>x = balance(v)</c>, applying each D in that order as
/// <c>x ← x + r(v) − min(p(v), x + r(v))</c>, then the reported correlation penalty <c>cp(v) ≤ x</c>, gives exactly
/// the balance after processing;</item>
/// <item>hence <c>Σ after = Σ before + Σ rewards − Σ penalties actually taken − Σ cp</c>: no step creates or destroys
/// any other gwei, and the sum never grows by more than the rewards.</item>
/// </list>
/// </summary>
public sealed class GweiConservationTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;

    [Fact]
    public void Epoch_processing_moves_only_the_gwei_its_rewards_penalties_and_slashings_account_for() =>
        Gen.Int.Sample(seed =>
        {
            var before = RandomState(seed);
            var afterSteps12 = before.Copy();
            EpochProcessing.ProcessJustificationAndFinalization(afterSteps12, C);
            EpochProcessing.ProcessInactivityUpdates(afterSteps12, C);
            var deltas = StepThreeDeltas(afterSteps12);

            var after = before.Copy();
            var t = EpochProcessing.ProcessEpoch(after, C, trace: false);

            var correlation = new ulong[before.ValidatorCount];
            foreach (var p in t.CorrelationPenalties)
            {
                correlation[p.ValidatorIndex] = p.Penalty;
            }

            UInt128 sumBefore = 0, sumAfter = 0, rewards = 0, taken = 0, slashed = 0;
            for (var v = 0; v < before.ValidatorCount; v++)
            {
                var x = before.Balance(v);
                foreach (var d in deltas)
                {
                    var credited = x + d.Rewards[v];
                    var debit = Math.Min(d.Penalties[v], credited);
                    rewards += d.Rewards[v];
                    taken += debit;
                    x = credited - debit;
                }

                correlation[v].Should().BeLessThanOrEqualTo(x, "a correlation penalty takes at most the balance");
                x -= correlation[v];
                slashed += correlation[v];
                after.Balance(v).Should().Be(x, $"validator {v} (seed {seed})");
                sumBefore += before.Balance(v);
                sumAfter += after.Balance(v);
            }

            sumAfter.Should().Be(sumBefore + rewards - taken - slashed);
            (sumAfter <= sumBefore + rewards).Should().BeTrue();
        }, iter: 150);

    private static List<Deltas> StepThreeDeltas(BeaconState s)
    {
        if (s.Slot / C.SlotsPerEpoch == 0)
        {
            return [];
        }

        return
        [
            RewardsAndPenalties.FlagIndexDeltas(s, ConsensusConfig.TimelySourceFlagIndex, C),
            RewardsAndPenalties.FlagIndexDeltas(s, ConsensusConfig.TimelyTargetFlagIndex, C),
            RewardsAndPenalties.FlagIndexDeltas(s, ConsensusConfig.TimelyHeadFlagIndex, C),
            RewardsAndPenalties.InactivityPenaltyDeltas(s, C),
        ];
    }

    /// <summary>
    /// A consistent state at the end of a random epoch: active, pending, exited and slashed validators (some with a
    /// correlation penalty due), balances near or far from the effective balance, random participation, scores,
    /// checkpoints (leak and no leak) and slashings.
    /// </summary>
    private static BeaconState RandomState(int seed)
    {
        var random = new Random(seed);
        var epoch = (ulong)random.Next(0, 80);
        var n = random.Next(1, 40);
        var stakes = Enumerable.Range(0, n).Select(_ => (ulong)random.Next(1, 2049)).ToArray();
        var s = TestStates.State(C, TestStates.LastSlot(C, epoch), stakes);
        for (var i = 0; i < n; i++)
        {
            var v = s.Validators[i];
            switch (random.Next(6))
            {
                case 0: // slashed, correlation penalty due at this epoch or not
                    var withdrawable = random.Next(2) == 0 ? epoch + (C.EpochsPerSlashingsVector / 2) : epoch + (ulong)random.Next(0, 70);
                    v = v with { Slashed = true, ExitEpoch = epoch + 1 + (ulong)random.Next(0, 5), WithdrawableEpoch = withdrawable };
                    break;
                case 1: // exited before
                    v = epoch > 0 ? v with { ExitEpoch = (ulong)random.Next(1, (int)epoch + 1), WithdrawableEpoch = epoch + 16 } : v;
                    break;
                case 2: // pending
                    v = v with { ActivationEligibilityEpoch = (ulong)random.Next(0, (int)epoch + 2), ActivationEpoch = ConsensusConfig.FarFutureEpoch };
                    break;
            }

            s.SetValidator(i, v);
            var drift = (long)random.Next(-3_000_000, 3_000_000) * 1_000;
            s.SetBalance(i, (ulong)Math.Max(0, (long)Coins(stakes[i]) + drift));
            s.SetPreviousEpochParticipation(i, (byte)random.Next(8));
            s.SetCurrentEpochParticipation(i, (byte)random.Next(8));
            s.SetInactivityScore(i, (ulong)random.Next(0, 200));
        }

        var finalized = (ulong)random.Next(0, (int)epoch + 1);
        var justified = finalized + (ulong)random.Next(0, (int)(epoch - finalized) + 1);
        s.Finalized = TestStates.CheckpointAt(C, finalized);
        s.PreviousJustified = TestStates.CheckpointAt(C, justified);
        s.CurrentJustified = s.PreviousJustified;
        s.JustificationBits = (byte)random.Next(16);
        for (var i = 0; i < (int)C.EpochsPerSlashingsVector; i++)
        {
            s.SetSlashingsAt(i, random.Next(4) == 0 ? Coins((ulong)random.Next(0, 100)) : 0);
        }

        return s;
    }
}
