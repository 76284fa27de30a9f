package io.actorchain.core.pos.block;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.BeaconBlockBody;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Honest block production (CONSENSUS.md §5.7): builds on the parent's post-state, includes the candidates that are
 * valid on the state as built so far, and seals the block. The same {@link BlockTransition} steps as
 * {@link BlockProcessing} build the post-state, so processing the produced block gives the same state root.
 */
public final class BlockProduction {
  private BlockProduction() {}

  /** A sealed, signed block and its post-state. */
  public record Produced(BeaconBlock block, BeaconState postState) {}

  /**
   * Produces the block of {@code slot} on {@code parentPostState} (not changed; it may already be advanced to a slot
   * ≤ {@code slot}):
   * <ul>
   *   <li>slashing evidence in the given order, each valid on the state with the earlier ones applied, up to
   *       MAX_PROPOSER_SLASHINGS and MAX_ATTESTER_SLASHINGS;
   *   <li>attestations that are valid and still set a new flag, best first (the largest proposer reward, then the
   *       lower validator index, then the lower data root, then the lower signature), up to MAX_ATTESTATIONS;
   *   <li>transactions in the given order (the mempool ranks them by tip), each valid on the state so far, up to
   *       {@code 2 × TARGET_TXS};
   * </ul>
   * The RANDAO reveal is {@code sign(key, RANDAO, H(u64le(epoch)))}; the state root is that of the post-state of the
   * block with a zero state root; the proposer signs {@code root(header)} with domain PROPOSER.
   *
   * @throws IllegalArgumentException if {@code slot} is not after the parent, {@code proposerIndex} is not the slot's
   *     proposer or is slashed, or {@code proposerKey} is not its key
   */
  public static Produced produce(BeaconState parentPostState, long slot, int proposerIndex, SigningKey proposerKey,
      List<Attestation> candidateAttestations, List<ProposerSlashing> candidateProposerSlashings,
      List<AttesterSlashing> candidateAttesterSlashings, List<Transaction> candidateTransactions, ConsensusConfig c,
      SignatureCheck sigs) {
    BlockTransition t = new BlockTransition(parentPostState.copy(), c, sigs, false);
    t.advance(slot).ifPresent(r -> fail(r.describe()));
    BeaconState s = t.state;
    if (proposerIndex < 0 || proposerIndex >= s.validatorCount()
        || !s.validator(proposerIndex).pubkey().equals(proposerKey.publicKey())) {
      throw new IllegalArgumentException("the key " + proposerKey.publicKey().shortHex() + " is not validator "
          + proposerIndex + "'s");
    }
    long epoch = Accessors.currentEpoch(s, c);
    Signature reveal = proposerKey.sign(Domain.RANDAO, BlockTransition.randaoSigningRoot(epoch));
    Hash32 parentRoot = s.latestBlockRoot();
    // The body root is not known until the body is chosen; the header step does not read it, so fix it afterwards.
    BeaconBlockHeader draft = new BeaconBlockHeader(slot, proposerIndex, parentRoot, Hash32.ZERO, Hash32.ZERO);
    t.processBlockHeader(draft).ifPresent(r -> fail(r.describe()));
    t.processRandao(reveal).ifPresent(r -> fail(r.describe()));

    List<ProposerSlashing> proposerSlashings = new ArrayList<>();
    for (ProposerSlashing ps : candidateProposerSlashings) {
      if (proposerSlashings.size() < c.maxProposerSlashings() && t.processProposerSlashing(ps).isEmpty()) {
        proposerSlashings.add(ps);
      }
    }
    List<AttesterSlashing> attesterSlashings = new ArrayList<>();
    for (AttesterSlashing as : candidateAttesterSlashings) {
      if (attesterSlashings.size() < c.maxAttesterSlashings() && t.processAttesterSlashing(as).isEmpty()) {
        attesterSlashings.add(as);
      }
    }
    List<Attestation> attestations = AttestationPacking.pack(t, candidateAttestations);
    List<Transaction> transactions = new ArrayList<>();
    for (Transaction tx : candidateTransactions) {
      if (transactions.size() >= Fees.MAX_TXS_PER_BLOCK) {
        break;
      }
      if (tryTransaction(t, tx)) {
        transactions.add(tx);
      }
    }
    t.finish();

    BeaconBlockBody body = new BeaconBlockBody(reveal, attestations, proposerSlashings, attesterSlashings,
        transactions);
    BeaconBlockHeader unsealed = new BeaconBlockHeader(slot, proposerIndex, parentRoot, Hash32.ZERO, body.root());
    s.setLatestBlockHeader(unsealed);
    BeaconBlockHeader header = unsealed.withStateRoot(s.root());
    BeaconBlock block = new BeaconBlock(header, body, proposerKey.sign(Domain.PROPOSER, header.root()));
    return new Produced(block, s);
  }

  private static boolean tryTransaction(BlockTransition t, Transaction tx) {
    try {
      return t.processTransaction(tx).isEmpty();
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static void fail(String why) {
    throw new IllegalArgumentException("cannot produce this block: " + why);
  }
}
