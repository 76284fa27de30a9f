package io.actorchain.core.pos.block;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.BeaconBlockBody;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.slashing.SlashingRejection;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * Block processing (CONSENSUS.md §5.4), steps 1–8 in order: advance, header, RANDAO, proposer then attester
 * slashings, attestations, transactions, the fixed reward (with the next base fee), and the state root. The parent
 * state is never changed: the block is applied to a copy. The first broken rule rejects the block.
 *
 * <p>Where §5.4 leaves a gap this follows Ethereum's consensus specs:
 * <ul>
 *   <li>as {@code process_block_header}, the slot must be after the latest block header's (the anchor is slot 0),
 *       the post-state's latest block header is the block's header with a zero state root (the next slot transition
 *       fills it in, so the state root commits to a state that does not contain itself), and the header must commit
 *       to the body ({@code bodyRoot == root(body)});
 *   <li>the body's list limits (MAX_PROPOSER_SLASHINGS, MAX_ATTESTER_SLASHINGS, MAX_ATTESTATIONS, and §2's
 *       {@code 2 × TARGET_TXS}) are checked before any operation, as SSZ list limits are;
 *   <li>evidence in a block has the proposer as whistleblower ({@code whistleblower_index = None});
 *   <li>as {@code process_attestation}, the proposer is paid per attestation: {@code Σ baseReward × weight // 448}
 *       over the flags it newly sets, floored per attestation;
 *   <li>as {@code process_voluntary_exit}, an exit needs an active validator that is not already exiting and an exit
 *       epoch not after the current one;
 *   <li>a deposit appending a validator gives it {@code effBal = min(amount − amount % INCREMENT,
 *       MAX_EFFECTIVE_BALANCE)} ({@code get_validator_from_deposit}); the tips of the block's transactions go to the
 *       proposer's account after the last transaction, as the PoW coinbase.
 * </ul>
 * Processing runs for any slot the caller gives it: check the block against the clock first (the fork-choice store's
 * {@code checkBlock}), or a block from the far future makes it process every slot up to it.
 */
public final class BlockProcessing {
  private BlockProcessing() {}

  /** What {@link #processBlock} gives: the post-state, or the first rule the block broke. */
  public sealed interface Result permits Applied, Rejected {}

  /** The block is valid: its post-state, the epoch transitions crossed on the way, and the slashings it applied. */
  public record Applied(BeaconState postState, List<EpochTransition> transitions, List<SlashingApplied> slashings)
      implements Result {
    public Applied {
      transitions = List.copyOf(transitions);
      slashings = List.copyOf(slashings);
    }
  }

  /** The block is invalid. */
  public record Rejected(BlockRejection rejection) implements Result {}

  /** Applies {@code b} to a copy of {@code parentPostState} (which may already be advanced to a slot ≤ the block's). */
  public static Result processBlock(BeaconState parentPostState, BeaconBlock b, ConsensusConfig c,
      SignatureCheck sigs) {
    BlockTransition t = new BlockTransition(parentPostState.copy(), c, sigs, true);
    Optional<BlockRejection> invalid = t.advance(b.slot())
        .or(() -> checkBodyRoot(b))
        .or(() -> t.processBlockHeader(b.header()))
        .or(() -> checkProposerSignature(t, b))
        .or(() -> t.processRandao(b.body().randaoReveal()))
        .or(() -> checkLimits(b.body(), c))
        .or(() -> processOperations(t, b.body()));
    if (invalid.isPresent()) {
      return new Rejected(invalid.get());
    }
    t.finish();
    Hash32 root = t.state.root();
    if (!root.equals(b.header().stateRoot())) {
      return new Rejected(new BlockRejection(BlockInvalidReason.STATE_ROOT_MISMATCH,
          "block says " + b.header().stateRoot().shortHex() + ", post-state is " + root.shortHex()));
    }
    return new Applied(t.state, t.transitions, t.slashings);
  }

  private static Optional<BlockRejection> checkBodyRoot(BeaconBlock b) {
    Hash32 bodyRoot = b.body().root();
    if (!bodyRoot.equals(b.header().bodyRoot())) {
      return reject(BlockInvalidReason.BAD_BODY_ROOT,
          "header says " + b.header().bodyRoot().shortHex() + ", body is " + bodyRoot.shortHex());
    }
    return Optional.empty();
  }

  private static Optional<BlockRejection> checkProposerSignature(BlockTransition t, BeaconBlock b) {
    var key = t.state.validator(t.proposer()).pubkey();
    if (!t.sigs.verify(key, Domain.PROPOSER, b.root(), b.sig())) {
      return reject(BlockInvalidReason.BAD_PROPOSER_SIGNATURE,
          "block " + b.root().shortHex() + ", proposer " + t.proposer() + ", key " + key.shortHex());
    }
    return Optional.empty();
  }

  /** The body's list limits: MAX_PROPOSER_SLASHINGS, MAX_ATTESTER_SLASHINGS, MAX_ATTESTATIONS, 2 × TARGET_TXS. */
  static Optional<BlockRejection> checkLimits(BeaconBlockBody body, ConsensusConfig c) {
    if (body.proposerSlashings().size() > c.maxProposerSlashings()) {
      return reject(BlockInvalidReason.TOO_MANY_PROPOSER_SLASHINGS,
          body.proposerSlashings().size() + " > " + c.maxProposerSlashings());
    }
    if (body.attesterSlashings().size() > c.maxAttesterSlashings()) {
      return reject(BlockInvalidReason.TOO_MANY_ATTESTER_SLASHINGS,
          body.attesterSlashings().size() + " > " + c.maxAttesterSlashings());
    }
    if (body.attestations().size() > c.maxAttestations()) {
      return reject(BlockInvalidReason.TOO_MANY_ATTESTATIONS, body.attestations().size() + " > " + c.maxAttestations());
    }
    if (body.transactions().size() > Fees.MAX_TXS_PER_BLOCK) {
      return reject(BlockInvalidReason.TOO_MANY_TRANSACTIONS,
          body.transactions().size() + " > " + Fees.MAX_TXS_PER_BLOCK);
    }
    return Optional.empty();
  }

  /** Steps 4–6, stopping at the first invalid operation. */
  private static Optional<BlockRejection> processOperations(BlockTransition t, BeaconBlockBody body) {
    List<ProposerSlashing> ps = body.proposerSlashings();
    for (int i = 0; i < ps.size(); i++) {
      Optional<SlashingRejection> r = t.processProposerSlashing(ps.get(i));
      if (r.isPresent()) {
        return reject(BlockInvalidReason.INVALID_PROPOSER_SLASHING,
            "proposer slashing " + i + ": " + r.get().describe());
      }
    }
    List<AttesterSlashing> as = body.attesterSlashings();
    for (int i = 0; i < as.size(); i++) {
      Optional<SlashingRejection> r = t.processAttesterSlashing(as.get(i));
      if (r.isPresent()) {
        return reject(BlockInvalidReason.INVALID_ATTESTER_SLASHING,
            "attester slashing " + i + ": " + r.get().describe());
      }
    }
    List<Attestation> atts = body.attestations();
    for (int i = 0; i < atts.size(); i++) {
      Optional<AttestationRejection> r = t.processAttestation(atts.get(i));
      if (r.isPresent()) {
        return reject(BlockInvalidReason.INVALID_ATTESTATION, "attestation " + i + " (validator "
            + atts.get(i).validatorIndex() + ", slot " + atts.get(i).data().slot() + "): " + r.get().describe());
      }
    }
    List<Transaction> txs = body.transactions();
    for (int i = 0; i < txs.size(); i++) {
      Optional<String> r;
      try {
        r = t.processTransaction(txs.get(i));
      } catch (ArithmeticException e) {
        r = Optional.of("overflow: " + e.getMessage());
      }
      if (r.isPresent()) {
        return reject(BlockInvalidReason.INVALID_TRANSACTION,
            "transaction " + i + " (" + txs.get(i).id().shortHex() + "): " + r.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<BlockRejection> reject(BlockInvalidReason reason, String detail) {
    return Optional.of(new BlockRejection(reason, detail));
  }
}
