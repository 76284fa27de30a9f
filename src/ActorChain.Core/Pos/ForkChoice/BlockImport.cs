using System.Collections.Immutable;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>How an offered block fared (CONSENSUS.md §5.6, the node's import order).</summary>
public enum BlockImportStatus
{
    /// <summary>Processed and added to the store; its attestations went through <c>onAttestation</c>.</summary>
    Imported,

    /// <summary>The store already holds it (its tree or the finalized chain): nothing was done.</summary>
    Known,

    /// <summary>Refused by the store's own checks before any state transition.</summary>
    RefusedByForkChoice,

    /// <summary>Refused by block processing (§5.4).</summary>
    InvalidTransition,
}

/// <summary>
/// The outcome of <see cref="BlockImport.Import"/>: the status, the refusal when there is one, and for an imported
/// block its processing result, whether it was timely, and each body attestation's refusal (null when counted or
/// queued), in body order.
/// </summary>
public sealed record BlockImportOutcome(
    BlockImportStatus Status,
    ForkChoiceRejection? Refusal = null,
    BlockRejection? Invalid = null,
    BlockApplied? Applied = null,
    bool Timely = false,
    ImmutableArray<ForkChoiceRejection?> Attestations = default);

/// <summary>
/// A node's import of one block (CONSENSUS.md §5.6, last paragraph): ignore a block the store holds, then the
/// store's checks, then block processing (§5.4) on the parent's post-state, then <c>onBlock</c> (timely by the clock
/// of the store's last tick), then each attestation of the body as one from a block.
/// </summary>
public static class BlockImport
{
    /// <summary>
    /// Imports <paramref name="block"/> into <paramref name="store"/>; a refused block changes nothing. With
    /// <paramref name="memo"/>, the state transition goes through it (shared by the nodes of one process).
    /// </summary>
    public static BlockImportOutcome Import(ForkChoiceStore store, BeaconBlock block, ConsensusConfig config, SignatureCheck sigs,
        TransitionMemo? memo = null)
    {
        if (store.Contains(block.Root))
        {
            return new(BlockImportStatus.Known);
        }

        if (store.CheckBlock(block) is { } refused)
        {
            return new(BlockImportStatus.RefusedByForkChoice, Refusal: refused);
        }

        var parent = store.SharedState(block.ParentRoot)!;
        var result = memo is null
            ? BlockProcessing.ProcessBlock(parent, block, config, sigs)
            : memo.ProcessBlock(parent, block, config, sigs);
        if (result is BlockRejected rejected)
        {
            return new(BlockImportStatus.InvalidTransition, Invalid: rejected.Rejection);
        }

        var applied = (BlockApplied)result;
        var timely = store.IsTimely(block.Slot);
        store.AddChecked(block, applied.PostState, timely); // checked above, and nothing since changed the store

        var votes = ImmutableArray.CreateBuilder<ForkChoiceRejection?>(block.Body.Attestations.Length);
        foreach (var a in block.Body.Attestations)
        {
            votes.Add(store.OnAttestation(a, fromBlock: true));
        }

        return new(BlockImportStatus.Imported, Applied: applied, Timely: timely, Attestations: votes.MoveToImmutable());
    }
}
