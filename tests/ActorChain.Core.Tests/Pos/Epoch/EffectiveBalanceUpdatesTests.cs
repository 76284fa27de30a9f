using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Tests.Pos.Misc;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pos.Epoch;

public sealed class EffectiveBalanceUpdatesTests
{
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private const ulong Quarter = 250_000_000UL; // INCREMENT // HYSTERESIS_QUOTIENT

    private static ulong EffectiveAfter(ulong balance)
    {
        var s = TestStates.Uniform(C, TestStates.LastSlot(C, 10), 1, 32);
        s.SetBalance(0, balance);
        EpochProcessing.ProcessEffectiveBalanceUpdates(s, C);
        return s.Validators[0].EffectiveBalance;
    }

    [Fact]
    public void Drops_only_when_the_balance_falls_more_than_a_quarter_increment_below()
    {
        EffectiveAfter(Coins(32) - Quarter).Should().Be(Coins(32));
        EffectiveAfter(Coins(32) - Quarter - 1).Should().Be(Coins(31));
    }

    [Fact]
    public void Rises_only_when_the_balance_exceeds_by_more_than_five_quarters()
    {
        EffectiveAfter(Coins(32) + (5 * Quarter)).Should().Be(Coins(32));
        EffectiveAfter(Coins(32) + (5 * Quarter) + 1).Should().Be(Coins(33));
    }

    [Fact]
    public void Caps_at_the_maximum_effective_balance() =>
        EffectiveAfter(Coins(5000)).Should().Be(Coins(2048));
}
