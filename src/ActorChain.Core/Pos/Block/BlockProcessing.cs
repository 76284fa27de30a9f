using System.Collections.Immutable;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>What <see cref="BlockProcessing.ProcessBlock"/> gives: the post-state, or the first rule the block broke.</summary>
public abstract record BlockResult;

/// <summary>The block is valid: its post-state, the epoch transitions crossed on the way, and the slashings it applied.</summary>
public sealed record BlockApplied(BeaconState PostState, ImmutableArray<EpochTransition> Transitions,
    ImmutableArray<SlashingApplied> Slashings) : BlockResult;

/// <summary>The block is invalid.</summary>
public sealed record BlockRejected(BlockRejection Rejection) : BlockResult;

/// <summary>
/// Block processing (CONSENSUS.md §5.4), steps 1–8 in the order of the golden README's <c>blocks</c> family. The
/// parent state is never changed: the block is applied to a copy. The first broken rule rejects the block. Where §5.4
/// leaves a gap this follows Ethereum's specs (<c>process_block_header</c>, SSZ list limits checked before any
/// operation, whistleblower = proposer, per-attestation proposer reward, <c>process_voluntary_exit</c>). Processing
/// runs for any slot it is given: check a block against the clock first.
/// </summary>
public static class BlockProcessing
{
    /// <summary>Applies <paramref name="b"/> to a copy of <paramref name="parentPostState"/> (which may already be advanced to a slot ≤ the block's).</summary>
    public static BlockResult ProcessBlock(BeaconState parentPostState, BeaconBlock b, ConsensusConfig c,
        SignatureCheck sigs)
    {
        var t = new BlockTransition(parentPostState.Copy(), c, sigs, trace: true);
        var invalid = t.Advance(b.Header.Slot)
            ?? CheckBodyRoot(b)
            ?? t.ProcessBlockHeader(b.Header)
            ?? CheckProposerSignature(t, b)
            ?? t.ProcessRandao(b.Body.RandaoReveal)
            ?? CheckLimits(b.Body, c)
            ?? ProcessOperations(t, b.Body);
        if (invalid is not null)
        {
            return new BlockRejected(invalid);
        }

        t.Finish();
        var root = t.State.Root();
        if (root != b.Header.StateRoot)
        {
            return new BlockRejected(new BlockRejection(BlockInvalidReason.StateRootMismatch,
                $"block says {b.Header.StateRoot}, post-state is {root}"));
        }

        return new BlockApplied(t.State, [.. t.Transitions], [.. t.Slashings]);
    }

    private static BlockRejection? CheckBodyRoot(BeaconBlock b)
    {
        var bodyRoot = b.Body.Root;
        return bodyRoot == b.Header.BodyRoot
            ? null
            : new BlockRejection(BlockInvalidReason.BadBodyRoot, $"header says {b.Header.BodyRoot}, body is {bodyRoot}");
    }

    private static BlockRejection? CheckProposerSignature(BlockTransition t, BeaconBlock b)
    {
        var key = t.State.Validators[t.Proposer].Pubkey;
        return t.Sigs.Verify(key, Domain.Proposer, b.Header.Root, b.Sig)
            ? null
            : new BlockRejection(BlockInvalidReason.BadProposerSignature,
                $"block {b.Header.Root}, proposer {t.Proposer}, key {key}");
    }

    /// <summary>The body's list limits: MAX_PROPOSER_SLASHINGS, MAX_ATTESTER_SLASHINGS, MAX_ATTESTATIONS, 2 × TARGET_TXS.</summary>
    internal static BlockRejection? CheckLimits(BeaconBlockBody body, ConsensusConfig c)
    {
        if ((ulong)body.ProposerSlashings.Length > c.MaxProposerSlashings)
        {
            return new BlockRejection(BlockInvalidReason.TooManyProposerSlashings,
                $"{body.ProposerSlashings.Length} > {c.MaxProposerSlashings}");
        }

        if ((ulong)body.AttesterSlashings.Length > c.MaxAttesterSlashings)
        {
            return new BlockRejection(BlockInvalidReason.TooManyAttesterSlashings,
                $"{body.AttesterSlashings.Length} > {c.MaxAttesterSlashings}");
        }

        if ((ulong)body.Attestations.Length > c.MaxAttestations)
        {
            return new BlockRejection(BlockInvalidReason.TooManyAttestations,
                $"{body.Attestations.Length} > {c.MaxAttestations}");
        }

        if (body.Transactions.Length > Fees.MaxTxsPerBlock)
        {
            return new BlockRejection(BlockInvalidReason.TooManyTransactions,
                $"{body.Transactions.Length} > {Fees.MaxTxsPerBlock}");
        }

        return null;
    }

    /// <summary>Steps 4–6, stopping at the first invalid operation.</summary>
    private static BlockRejection? ProcessOperations(BlockTransition t, BeaconBlockBody body)
    {
        for (var i = 0; i < body.ProposerSlashings.Length; i++)
        {
            if (t.ProcessProposerSlashing(body.ProposerSlashings[i]) is { } r)
            {
                return new BlockRejection(BlockInvalidReason.InvalidProposerSlashing,
                    $"proposer slashing {i}: {r}") { Cause = r.Reason };
            }
        }

        for (var i = 0; i < body.AttesterSlashings.Length; i++)
        {
            if (t.ProcessAttesterSlashing(body.AttesterSlashings[i]) is { } r)
            {
                return new BlockRejection(BlockInvalidReason.InvalidAttesterSlashing,
                    $"attester slashing {i}: {r}") { Cause = r.Reason };
            }
        }

        for (var i = 0; i < body.Attestations.Length; i++)
        {
            var a = body.Attestations[i];
            if (t.ProcessAttestation(a) is { } r)
            {
                return new BlockRejection(BlockInvalidReason.InvalidAttestation,
                    $"attestation {i} (validator {a.ValidatorIndex}, slot {a.Data.Slot}): {r.Describe()}") { Cause = r.Reason };
            }
        }

        for (var i = 0; i < body.Transactions.Length; i++)
        {
            var tx = body.Transactions[i];
            if (t.ProcessTransaction(tx) is { } r)
            {
                return new BlockRejection(BlockInvalidReason.InvalidTransaction, $"transaction {i} ({tx.Id}): {r.Describe()} [{r.Reason}]")
                {
                    Cause = r.Reason,
                };
            }
        }

        return null;
    }
}
