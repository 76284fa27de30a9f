package io.actorchain.core.pos.slashing;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The slasher (CONSENSUS.md §6): it sees every gossiped or included header and attestation and turns a double
 * proposal, a double vote or a surround vote (in either order) into evidence. Pure, mutable, single owner.
 *
 * <p>Per validator it keeps the first header it signed at each slot and, per target epoch, the first attestation it
 * signed; that list of (source, target) pairs is scanned for surrounds. Memory is bounded: only the last
 * {@code historyEpochs} epochs before the newest epoch seen (or given to {@link #onEpoch}) are kept, and older
 * messages are ignored. Evidence is produced once per validator, so it is gossiped once; {@link #offenders()} names
 * every validator it has produced evidence against.
 *
 * <p>Signatures are not checked here: feed it only messages that passed gossip or block validation, or forged
 * messages would yield evidence that every node then rejects.
 */
public final class Slasher {
  /** The history kept by default, in epochs. */
  public static final long DEFAULT_HISTORY_EPOCHS = 256;

  private final ConsensusConfig config;
  private final long historyEpochs;
  private long newestEpoch;
  private final TreeMap<Long, Map<Long, SignedBeaconBlockHeader>> headersBySlot = new TreeMap<>();
  private final Map<Long, TreeMap<Long, Attestation>> votesByValidator = new HashMap<>(); // lookups only
  private final TreeSet<Long> offenders = new TreeSet<>();
  private int storedVotes;

  public Slasher(ConsensusConfig config) {
    this(config, DEFAULT_HISTORY_EPOCHS);
  }

  public Slasher(ConsensusConfig config, long historyEpochs) {
    if (historyEpochs < 1) {
      throw new IllegalArgumentException("slasher history must be at least 1 epoch, got " + historyEpochs);
    }
    this.config = config;
    this.historyEpochs = historyEpochs;
  }

  /** Evidence if {@code h} is a second header by its proposer at its slot with another root; empty otherwise. */
  public Optional<ProposerSlashing> onHeader(SignedBeaconBlockHeader h) {
    long slot = h.header().slot();
    advanceTo(config.epochOf(slot));
    if (Long.compareUnsigned(config.epochOf(slot), oldestKeptEpoch()) < 0) {
      return Optional.empty();
    }
    long proposer = h.header().proposerIndex();
    Map<Long, SignedBeaconBlockHeader> atSlot = headersBySlot.computeIfAbsent(slot, s -> new HashMap<>());
    SignedBeaconBlockHeader first = atSlot.putIfAbsent(proposer, h);
    if (first == null || first.header().root().equals(h.header().root())) {
      return Optional.empty();
    }
    return offenders.add(proposer) ? Optional.of(new ProposerSlashing(first, h)) : Optional.empty();
  }

  /**
   * Evidence if {@code a} and an earlier attestation of its validator are a double vote or a surround vote (either
   * one surrounding the other); empty otherwise. The evidence lists the surrounding vote first.
   */
  public Optional<AttesterSlashing> onAttestation(Attestation a) {
    AttestationData d = a.data();
    long target = d.target().epoch();
    advanceTo(target);
    if (Long.compareUnsigned(target, oldestKeptEpoch()) < 0) {
      return Optional.empty();
    }
    TreeMap<Long, Attestation> votes = votesByValidator.computeIfAbsent(a.validatorIndex(), v -> new TreeMap<>());
    Attestation sameTarget = votes.get(target);
    if (sameTarget != null) {
      if (sameTarget.data().equals(d)) {
        return Optional.empty();
      }
      return evidence(a.validatorIndex(), sameTarget, a);
    }
    votes.put(target, a);
    storedVotes++;
    for (Attestation earlier : votes.values()) {
      AttestationData e = earlier.data();
      if (SlashingRules.isSlashableAttestationData(e, d)) {
        return evidence(a.validatorIndex(), earlier, a);
      }
      if (SlashingRules.isSlashableAttestationData(d, e)) {
        return evidence(a.validatorIndex(), a, earlier);
      }
    }
    return Optional.empty();
  }

  /** Moves the horizon to {@code currentEpoch} if it is newer, and forgets what falls out of the history. */
  public void onEpoch(long currentEpoch) {
    advanceTo(currentEpoch);
  }

  /** The validators evidence was produced against, ascending. */
  public SortedSet<Long> offenders() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(offenders));
  }

  /** The attestations held now (for metrics and the memory bound). */
  public int storedVotes() {
    return storedVotes;
  }

  /** The headers held now. */
  public int storedHeaders() {
    int n = 0;
    for (Map<Long, SignedBeaconBlockHeader> m : headersBySlot.values()) {
      n += m.size();
    }
    return n;
  }

  private Optional<AttesterSlashing> evidence(long validator, Attestation first, Attestation second) {
    return offenders.add(validator) ? Optional.of(new AttesterSlashing(first, second)) : Optional.empty();
  }

  private long oldestKeptEpoch() {
    return newestEpoch < historyEpochs ? 0 : newestEpoch - historyEpochs;
  }

  private void advanceTo(long epoch) {
    if (epoch < 0 || epoch <= newestEpoch) { // an unsigned epoch ≥ 2^63 is never a real one
      return;
    }
    newestEpoch = epoch;
    long oldest = oldestKeptEpoch();
    headersBySlot.headMap(config.startSlot(oldest), false).clear();
    var it = votesByValidator.values().iterator();
    while (it.hasNext()) {
      TreeMap<Long, Attestation> votes = it.next();
      var old = votes.headMap(oldest, false);
      storedVotes -= old.size();
      old.clear();
      if (votes.isEmpty()) {
        it.remove();
      }
    }
  }
}
