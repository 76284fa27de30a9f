using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos.ForkChoice;

/// <summary>A node's import order (CONSENSUS.md §5.6): known blocks, the store's checks, block processing, onBlock, the body's votes.</summary>
public sealed class BlockImportTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock First = Produce(GenesisState, 1, [], Minimal);

    private readonly ForkChoiceStore _store = new(Terminal, GenesisState.Copy(), Minimal);

    [Fact]
    public void Imports_a_valid_block_and_counts_its_votes()
    {
        _store.OnTick(1, 100);
        Import(First.Block).Status.Should().Be(BlockImportStatus.Imported);
        var votes = Attestations(First.PostState, First.Block.Root, 1, Minimal);
        var second = Produce(First.PostState, 2, votes, Minimal);
        _store.OnTick(2, 400);

        var outcome = Import(second.Block);

        outcome.Status.Should().Be(BlockImportStatus.Imported);
        outcome.Timely.Should().BeFalse("400 ms is after the attestation deadline");
        outcome.Attestations.Should().HaveCount(votes.Count).And.OnlyContain(r => r == null);
        outcome.Applied!.PostState.Root().Should().Be(second.Block.Header.StateRoot);
        _store.GetHead().Should().Be(second.Block.Root);
        _store.LatestMessage(votes[0].ValidatorIndex).Should().Be(new Checkpoint(0, First.Block.Root));
    }

    [Fact]
    public void Ignores_a_block_it_already_holds()
    {
        _store.OnTick(1, 0);
        Import(First.Block).Timely.Should().BeTrue();

        Import(First.Block).Status.Should().Be(BlockImportStatus.Known);
    }

    [Fact]
    public void Refuses_by_the_stores_checks_before_processing()
    {
        var outcome = Import(First.Block); // the clock is at slot 0

        outcome.Status.Should().Be(BlockImportStatus.RefusedByForkChoice);
        outcome.Refusal!.Reason.Should().Be(ForkChoiceInvalidReason.FutureSlot);
        _store.Contains(First.Block.Root).Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_block_the_state_transition_rejects_and_changes_nothing()
    {
        _store.OnTick(1, 0);
        var header = First.Block.Header with { StateRoot = Hash32.Zero };
        var key = KeyOf(GenesisState, header.ProposerIndex);
        var wrongRoot = new BeaconBlock(header, First.Block.Body, key.Sign(Domain.Proposer, header.Root));

        var outcome = Import(wrongRoot);

        outcome.Status.Should().Be(BlockImportStatus.InvalidTransition);
        outcome.Invalid!.Reason.Should().Be(BlockInvalidReason.StateRootMismatch);
        _store.Contains(wrongRoot.Root).Should().BeFalse();
        _store.ProposerBoostRoot.Should().BeNull();
    }

    private BlockImportOutcome Import(BeaconBlock b) => BlockImport.Import(_store, b, Minimal, SignatureCheck.Direct);
}
