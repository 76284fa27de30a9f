using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.Block;

/// <summary>CONSENSUS.md §5.7: the target is the head's ancestor at the epoch's start slot, read from the advanced state.</summary>
public sealed class AttestationProductionTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock B1 = Produce(GenesisState, 1, [], Minimal);
    private static readonly Hash32 B1Root = B1.Block.Root;

    [Fact]
    public void Targets_the_anchor_in_epoch_zero()
    {
        var d = AttestationProduction.ComputeAttestationData(B1.PostState, B1Root, 1, 0, Minimal);

        d.Target.Should().Be(new Checkpoint(0, Terminal));
        d.Source.Should().Be(new Checkpoint(0, Terminal));
        d.HeadRoot.Should().Be(B1Root);
        d.Slot.Should().Be(1);
    }

    [Fact]
    public void Targets_the_head_when_the_head_is_before_the_epoch_start_and_the_duty_is_at_it()
    {
        var d = AttestationProduction.ComputeAttestationData(Advanced(B1.PostState, 8, Minimal), B1Root, 8, 0, Minimal);
        d.Target.Should().Be(new Checkpoint(1, B1Root));
    }

    [Fact]
    public void Targets_the_latest_block_before_the_epoch_start_when_the_duty_is_later()
    {
        var d = AttestationProduction.ComputeAttestationData(B1.PostState, B1Root, 11, 0, Minimal);
        d.Target.Should().Be(new Checkpoint(1, B1Root));
    }

    [Fact]
    public void Targets_the_ancestor_at_the_epoch_start_not_a_head_after_it()
    {
        var b10 = Produce(B1.PostState, 10, [], Minimal);

        var d = AttestationProduction.ComputeAttestationData(b10.PostState, b10.Block.Root, 10, 0, Minimal);

        d.Target.Should().Be(new Checkpoint(1, B1Root));
        d.HeadRoot.Should().Be(b10.Block.Root);
    }

    [Fact]
    public void Targets_a_head_at_the_epoch_start_slot_itself()
    {
        var b8 = Produce(B1.PostState, 8, [], Minimal);
        var d = AttestationProduction.ComputeAttestationData(b8.PostState, b8.Block.Root, 8, 0, Minimal);
        d.Target.Should().Be(new Checkpoint(1, b8.Block.Root));
    }

    [Fact]
    public void Does_not_change_the_given_state_when_it_advances_a_copy()
    {
        var before = B1.PostState.Root();

        AttestationProduction.ComputeAttestationData(B1.PostState, B1Root, 12, 0, Minimal);

        B1.PostState.Root().Should().Be(before);
        var ahead = Advanced(B1.PostState, 5, Minimal);
        var act = () => AttestationProduction.ComputeAttestationData(ahead, B1Root, 4, 0, Minimal);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
