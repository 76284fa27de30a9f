package io.actorchain.node.chain;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slashing evidence a proposer may include (CONSENSUS.md §5.7), one piece per offender, by offender index. Pruned
 * against the state a proposer builds on: evidence whose offender that state has already slashed (a block included it)
 * or can no longer slash goes. A plain helper the mempool owns.
 */
final class PendingSlashings {
  /** The most evidence held of each kind; more only arrives when many validators misbehave at once. */
  static final int CAPACITY = 256;

  private final ConsensusConfig config;
  private final Map<Long, ProposerSlashing> proposer = new TreeMap<>();
  private final Map<Long, AttesterSlashing> attester = new TreeMap<>();

  PendingSlashings(ConsensusConfig config) {
    this.config = config;
  }

  /** Keeps {@code e} unless evidence against its offender of the same kind is held or the pool is full. */
  boolean add(SlashingEvidence e) {
    if (e instanceof ProposerSlashing p) {
      return put(proposer, p);
    }
    return put(attester, (AttesterSlashing) e);
  }

  private <T extends SlashingEvidence> boolean put(Map<Long, T> pool, T e) {
    if (pool.size() >= CAPACITY || pool.containsKey(e.offender())) {
      return false;
    }
    pool.put(e.offender(), e);
    return true;
  }

  boolean isFull() {
    return proposer.size() >= CAPACITY || attester.size() >= CAPACITY;
  }

  /** Drops the evidence whose offender is not slashable on {@code state} (already slashed, or withdrawable). */
  void prune(BeaconState state) {
    proposer.keySet().removeIf(v -> SlashingRules.checkSlashable(state, v, config).isPresent());
    attester.keySet().removeIf(v -> SlashingRules.checkSlashable(state, v, config).isPresent());
  }

  /** Up to MAX_PROPOSER_SLASHINGS, by offender index. */
  List<ProposerSlashing> proposerSlashings() {
    return first(proposer, config.maxProposerSlashings());
  }

  /** Up to MAX_ATTESTER_SLASHINGS, by offender index. */
  List<AttesterSlashing> attesterSlashings() {
    return first(attester, config.maxAttesterSlashings());
  }

  private static <T> List<T> first(Map<Long, T> pool, long max) {
    List<T> out = new ArrayList<>();
    for (T e : pool.values()) {
      if (out.size() >= max) {
        break;
      }
      out.add(e);
    }
    return List.copyOf(out);
  }
}
