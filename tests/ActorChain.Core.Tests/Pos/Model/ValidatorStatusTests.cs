using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Tests.Pos.Misc;

namespace ActorChain.Core.Tests.Pos.Model;

/// <summary>
/// A validator's status at an epoch, from its registry entry (CONSENSUS.md §5.3, §5.5): pending before its activation
/// epoch, active from it until its exit epoch, then exited, or ejected if its effective balance is at or below
/// EJECTION_BALANCE (16 coins in the minimal preset); slashed whatever else holds.
/// </summary>
public sealed class ValidatorStatusTests
{
    private const ulong Far = ConsensusConfig.FarFutureEpoch;
    private static readonly ConsensusConfig Minimal = ConsensusConfig.Minimal;
    private static readonly ulong Ejection = Minimal.EjectionBalance;

    private static Validator Make(ulong effectiveBalance, bool slashed, ulong activation, ulong exit) =>
        new(TestStates.Pubkey(0), effectiveBalance, slashed, 0, activation, exit, exit == Far ? Far : exit + 256);

    private static string Status(Validator v, ulong epoch) => ValidatorStatuses.Of(v, epoch, Minimal).Label();

    [Fact]
    public void Is_pending_before_its_activation_epoch_and_active_from_it()
    {
        var v = Make(Units.Coins(32), false, 2, Far);
        Status(v, 1).Should().Be("pending");
        Status(v, 2).Should().Be("active");
        Status(v with { ActivationEpoch = Far }, 1).Should().Be("pending", "activation is not scheduled");
        Status(v with { ActivationEpoch = Far }, 0).Should().Be("pending");
    }

    [Fact]
    public void Is_active_until_the_epoch_before_its_exit_epoch_and_exited_from_it()
    {
        var v = Make(Units.Coins(32), false, 0, 5);
        Status(v, 4).Should().Be("active", "the exit is scheduled, not reached");
        Status(v, 5).Should().Be("exited", "the exit epoch itself");
        Status(v, 6).Should().Be("exited");
    }

    [Fact]
    public void Calls_an_exit_at_or_below_the_ejection_balance_an_ejection()
    {
        Status(Make(Ejection + 1, false, 0, 4), 4).Should().Be("exited");
        Status(Make(Ejection, false, 0, 4), 4).Should().Be("ejected", "exactly EJECTION_BALANCE");
        Status(Make(Ejection - Units.Coins(1), false, 0, 4), 9).Should().Be("ejected");
        Status(Make(Ejection, false, 0, 4), 3).Should().Be("active", "the exit is not reached yet");
        Status(Make(Ejection, false, 2, Far), 1).Should().Be("pending", "not active yet");
    }

    [Fact]
    public void Says_slashed_whatever_the_balance_and_epochs()
    {
        Status(Make(Ejection, true, 0, 4), 5).Should().Be("slashed");
        Status(Make(Units.Coins(31), true, 0, 9), 5).Should().Be("slashed", "before its exit epoch");
        Status(Make(Units.Coins(31), true, 0, 9), 9).Should().Be("slashed", "at its exit epoch");
    }

    [Fact]
    public void Keeps_the_live_views_four_statuses_without_the_config()
    {
        var v = Make(Ejection, false, 2, 5);
        ValidatorStatuses.Of(v, 1).Should().Be(ValidatorStatus.Pending);
        ValidatorStatuses.Of(v, 2).Should().Be(ValidatorStatus.Active);
        ValidatorStatuses.Of(v, 5).Should().Be(ValidatorStatus.Exited, "no ejection without the config");
        ValidatorStatuses.Of(v with { Slashed = true }, 3).Should().Be(ValidatorStatus.Slashed);
    }

    [Fact]
    public void Is_active_and_slashable_within_its_epochs_unsigned()
    {
        var v = Make(Units.Coins(32), false, 3, Far);
        v.IsActive(Far - 1).Should().BeTrue();
        v.IsActive(Far).Should().BeFalse();
        v.IsSlashable(3).Should().BeTrue();
        v.IsSlashable(2).Should().BeFalse();
        (v with { Slashed = true }).IsSlashable(3).Should().BeFalse();
    }
}
