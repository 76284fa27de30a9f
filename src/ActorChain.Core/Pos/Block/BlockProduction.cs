using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pos.Block;

/// <summary>A sealed, signed block and its post-state.</summary>
public sealed record ProducedBlock(BeaconBlock Block, BeaconState PostState);

/// <summary>
/// Honest block production (CONSENSUS.md §5.7): builds on the parent's post-state, includes the candidates that are
/// valid on the state as built so far, and seals the block. The same <see cref="BlockTransition"/> steps as
/// <see cref="BlockProcessing"/> build the post-state, so processing the produced block gives the same state root.
/// </summary>
public static class BlockProduction
{
    /// <summary><c>H(u64le(epoch))</c>: what a RANDAO reveal signs.</summary>
    public static Hash32 RandaoSigningRoot(ulong epoch)
    {
        Span<byte> buf = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(buf, epoch);
        return Sha256.Hash(buf);
    }

    /// <summary>
    /// Produces the block of <paramref name="slot"/> on <paramref name="parentPostState"/> (not changed; it may already
    /// be advanced to a slot ≤ <paramref name="slot"/>): slashing evidence in the given order, each valid on the state
    /// with the earlier ones applied, up to the limits; attestations that are valid and still set a new flag, best
    /// first, up to MAX_ATTESTATIONS; transactions in the given order, each valid on the state so far, up to
    /// <c>2 × TARGET_TXS</c>. The RANDAO reveal is <c>sign(key, RANDAO, H(u64le(epoch)))</c>; the state root is that
    /// of the post-state with a zero state root in its latest header; the proposer signs <c>root(header)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The slot is not after the parent, or the proposer is not the slot's, is slashed, or does not hold the key (the
    /// caller's bug: it asks only for its own duties).
    /// </exception>
    public static ProducedBlock Produce(BeaconState parentPostState, ulong slot, int proposerIndex, SigningKey proposerKey,
        IEnumerable<Attestation> candidateAttestations, IEnumerable<ProposerSlashing> candidateProposerSlashings,
        IEnumerable<AttesterSlashing> candidateAttesterSlashings, IEnumerable<Transaction> candidateTransactions,
        ConsensusConfig c, SignatureCheck sigs)
    {
        var t = new BlockTransition(parentPostState.Copy(), c, sigs, trace: false);
        Fail(t.Advance(slot));
        var s = t.State;
        if (proposerIndex < 0 || proposerIndex >= s.ValidatorCount
            || s.Validators[proposerIndex].Pubkey != proposerKey.PublicKey)
        {
            throw new ArgumentException($"the key {proposerKey.PublicKey} is not validator {proposerIndex}'s",
                nameof(proposerKey));
        }

        var epoch = Accessors.CurrentEpoch(s, c);
        var reveal = proposerKey.Sign(Domain.Randao, RandaoSigningRoot(epoch));
        var parentRoot = s.LatestBlockRoot;
        // The body root is not known until the body is chosen; the header step does not read it.
        var draft = new BeaconBlockHeader(slot, (ulong)proposerIndex, parentRoot, Hash32.Zero, Hash32.Zero);
        Fail(t.ProcessBlockHeader(draft));
        Fail(t.ProcessRandao(reveal));

        var proposerSlashings = ImmutableArray.CreateBuilder<ProposerSlashing>();
        foreach (var ps in candidateProposerSlashings)
        {
            if ((ulong)proposerSlashings.Count < c.MaxProposerSlashings && t.ProcessProposerSlashing(ps) is null)
            {
                proposerSlashings.Add(ps);
            }
        }

        var attesterSlashings = ImmutableArray.CreateBuilder<AttesterSlashing>();
        foreach (var @as in candidateAttesterSlashings)
        {
            if ((ulong)attesterSlashings.Count < c.MaxAttesterSlashings && t.ProcessAttesterSlashing(@as) is null)
            {
                attesterSlashings.Add(@as);
            }
        }

        var attestations = AttestationPacking.Pack(t, candidateAttestations);
        var transactions = ImmutableArray.CreateBuilder<Transaction>();
        foreach (var tx in candidateTransactions)
        {
            if (transactions.Count >= Fees.MaxTxsPerBlock)
            {
                break;
            }

            if (t.ProcessTransaction(tx) is null)
            {
                transactions.Add(tx);
            }
        }

        t.Finish();

        var body = new BeaconBlockBody(reveal, [.. attestations], proposerSlashings.ToImmutable(),
            attesterSlashings.ToImmutable(), transactions.ToImmutable());
        var unsealed = new BeaconBlockHeader(slot, (ulong)proposerIndex, parentRoot, Hash32.Zero, body.Root);
        s.LatestBlockHeader = unsealed;
        var header = unsealed with { StateRoot = s.Root() };
        var block = new BeaconBlock(header, body, proposerKey.Sign(Domain.Proposer, header.Root));
        return new ProducedBlock(block, s);
    }

    private static void Fail(BlockRejection? r)
    {
        if (r is not null)
        {
            throw new ArgumentException($"cannot produce this block: {r.Describe()}");
        }
    }
}
