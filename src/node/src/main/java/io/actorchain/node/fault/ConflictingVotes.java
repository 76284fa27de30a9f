package io.actorchain.node.fault;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The slashable votes a faulty validator signs (CONSENSUS.md §5.2, {@code isSlashable}), made from its honest duty and
 * what it signed before. Plain functions; the fault behaviours in {@code pos} sign what these return.
 */
public final class ConflictingVotes {
  private ConflictingVotes() {}

  /**
   * A second vote for the same target epoch as {@code honest}, with another head (a double vote). It stays valid where
   * it can, so every node's fork choice takes it in: the head becomes the target block (target unchanged), or, when the
   * head is the target block, the source block (the target then is the source block too, its ancestor at the target
   * epoch's start). With nothing else to vote for (head, target and source are one block), the head is a made-up root:
   * no node can count that vote, but it is as slashable.
   */
  public static AttestationData doubleVote(AttestationData honest) {
    Checkpoint target = honest.target();
    if (!honest.headRoot().equals(target.root())) {
      return new AttestationData(honest.slot(), honest.committeeIndex(), target.root(), honest.source(), target);
    }
    Hash32 source = honest.source().root();
    if (!source.equals(target.root())) {
      return new AttestationData(honest.slot(), honest.committeeIndex(), source, honest.source(),
          new Checkpoint(target.epoch(), source));
    }
    Hash32 madeUp = Sha256.hash("double-vote".getBytes(StandardCharsets.US_ASCII), honest.headRoot().toArray());
    return new AttestationData(honest.slot(), honest.committeeIndex(), madeUp, honest.source(), target);
  }

  /**
   * A vote that surrounds one already signed, or is surrounded by one, given the signing record {@code signed} (its
   * highest source and target epochs, each from a vote actually signed) and the honest duty:
   * <ul>
   *   <li>if some vote had source {@code S ≥ 1}: {@code (S − 1, honest target)} surrounds it (its target ≤ the highest
   *       target < the honest target);
   *   <li>else if the highest target {@code T} is ≥ {@code S + 2}: {@code (S + 1, T − 1)} is surrounded by the vote for
   *       {@code T} (whose source is ≤ {@code S}); its slot is the honest slot moved back to epoch {@code T − 1};
   *   <li>else nothing yet (empty): there is no signed vote wide enough to surround or to sit inside.
   * </ul>
   * Its source is not the justified checkpoint, so every node refuses it (WRONG_SOURCE): only a slasher counts it.
   */
  public static Optional<AttestationData> surroundVote(AttestationData honest, SlashingProtectionRecord signed,
      long slotsPerEpoch) {
    long s = signed.lastSourceEpoch();
    long t = signed.lastTargetEpoch();
    long target = honest.target().epoch();
    if (s >= 1 && target > t) {
      return Optional.of(new AttestationData(honest.slot(), honest.committeeIndex(), honest.headRoot(),
          new Checkpoint(s - 1, honest.source().root()), honest.target()));
    }
    if (s >= 0 && t - s >= 2 && target > t - 1) {
      long inner = t - 1;
      long slot = honest.slot() - (target - inner) * slotsPerEpoch;
      return Optional.of(new AttestationData(slot, honest.committeeIndex(), honest.headRoot(),
          new Checkpoint(s + 1, honest.source().root()), new Checkpoint(inner, honest.target().root())));
    }
    return Optional.empty();
  }
}
