using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class RegistryUpdatesTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private const ulong Far = ConsensusConfig.FarFutureEpoch;

    /// <summary>
    /// End of epoch 10, finalized at 8. Active: v0 (16 coins), v1 (17), v2, v3 (32). Waiting: v4..v9 with eligibility
    /// epochs 3, 2, 3, 1, 2, 2, and v10 with eligibility 9 (after finality).
    /// </summary>
    private static BeaconState Scenario()
    {
        var s = TestStates.State(C, TestStates.LastSlot(C, 10), 16, 17, 32, 32, 32, 32, 32, 32, 32, 32, 32);
        s.Finalized = new Checkpoint(8, TestStates.BlockRootOf(64));
        ulong[] eligibility = [3, 2, 3, 1, 2, 2, 9];
        for (var k = 0; k < eligibility.Length; k++)
        {
            var i = 4 + k;
            s.SetValidator(i, s.Validators[i] with { ActivationEligibilityEpoch = eligibility[k], ActivationEpoch = Far });
        }

        return s;
    }

    [Fact]
    public void Ejects_active_validators_at_or_below_the_ejection_balance()
    {
        var s = Scenario();
        s.Validators[0].EffectiveBalance.Should().Be(Coins(16));
        EpochProcessing.ProcessRegistryUpdates(s, C);
        s.Validators[0].ExitEpoch.Should().Be(15); // 10 + 1 + MAX_SEED_LOOKAHEAD
        s.Validators[0].WithdrawableEpoch.Should().Be(31);
        s.Validators[1].ExitEpoch.Should().Be(Far);
    }

    [Fact]
    public void Activates_the_queue_by_eligibility_then_index_up_to_the_churn_limit()
    {
        var s = Scenario();
        EpochProcessing.ProcessRegistryUpdates(s, C);
        // Queue (1, v7), (2, v5), (2, v8), (2, v9), (3, v4), (3, v6); churn limit 4.
        foreach (var i in new[] { 7, 5, 8, 9 })
        {
            s.Validators[i].ActivationEpoch.Should().Be(15, $"v{i} is in the first four");
        }

        foreach (var i in new[] { 4, 6, 10 })
        {
            s.Validators[i].ActivationEpoch.Should().Be(Far, $"v{i} waits");
        }
    }
}
