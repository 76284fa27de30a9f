package io.actorchain.core.pos.slashing;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import java.util.Arrays;
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
 * signed. Votes are held by target epoch, each epoch's in one array indexed by validator: every node sees every vote
 * about twice (gossip, then a block), and a block's votes share their epoch, so telling the second sight from a new
 * vote reads one array that stays in cache. A new vote is checked against the votes with a later target (could one
 * surround it?) and, only when an earlier vote has a greater source, against those with an earlier target (could it
 * surround one?): an honest validator's sources only grow, so its history is never read.
 *
 * <p>Memory is bounded: only the last {@code historyEpochs} epochs before the newest epoch seen (or given to
 * {@link #onEpoch}) are kept, and older messages are ignored. Evidence is produced once per validator, so it is
 * gossiped once; {@link #offenders()} names every validator it has produced evidence against.
 *
 * <p>Signatures are not checked here: feed it only messages whose signature was verified (a vote that gossip refuses
 * for its source or committee is still a signed vote), or forged messages would yield evidence that every node then
 * rejects. Nor feed it messages from the future: the newest epoch seen moves the history window, so a far-future one
 * would make it forget everything.
 */
public final class Slasher {
  /** The history kept by default, in epochs. */
  public static final long DEFAULT_HISTORY_EPOCHS = 256;
  /** The longest history a slasher may keep, in epochs. */
  public static final long MAX_HISTORY_EPOCHS = 1 << 16;
  /** Votes of validators with an index at or above this are ignored: no registry the simulator runs is that large. */
  public static final long MAX_VALIDATORS = 1 << 24;

  private final ConsensusConfig config;
  private final long historyEpochs;
  private long newestEpoch;
  private final TreeMap<Long, Map<Long, SignedBeaconBlockHeader>> headersBySlot = new TreeMap<>();
  /** A ring as long as the window: an epoch's votes sit at {@code epoch % length} until the epoch leaves the window. */
  private final EpochVotes[] votesByEpoch;
  /** The votes of the epochs in the window: kept as votes are added and as epochs leave the window. */
  private int votesHeld;
  /** Per validator, an upper bound on the sources of its votes held (unsigned): exact but for votes since forgotten. */
  private long[] maxSource = new long[0];
  private final TreeSet<Long> offenders = new TreeSet<>();

  public Slasher(ConsensusConfig config) {
    this(config, DEFAULT_HISTORY_EPOCHS);
  }

  public Slasher(ConsensusConfig config, long historyEpochs) {
    if (historyEpochs < 1 || historyEpochs > MAX_HISTORY_EPOCHS) {
      throw new IllegalArgumentException("slasher history must be 1 to " + MAX_HISTORY_EPOCHS + " epochs, got "
          + historyEpochs);
    }
    this.config = config;
    this.historyEpochs = historyEpochs;
    this.votesByEpoch = new EpochVotes[(int) historyEpochs + 1];
  }

  /** Evidence if {@code h} is a second header by its proposer at its slot with another root; empty otherwise. */
  public Optional<ProposerSlashing> onHeader(SignedBeaconBlockHeader h) {
    long slot = h.header().slot();
    long epoch = config.epochOf(slot);
    advanceTo(epoch);
    if (!inWindow(epoch)) {
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
    long index = a.validatorIndex();
    AttestationData d = a.data();
    long target = d.target().epoch();
    advanceTo(target);
    if (index < 0 || index >= MAX_VALIDATORS || !inWindow(target)) {
      return Optional.empty();
    }
    int v = (int) index;
    EpochVotes votes = votesOf(target);
    Attestation held = votes.get(v);
    if (held != null) {
      // Mostly the very vote again, or the same data; the signature checks cached both roots.
      if (held == a || held.data() == d || held.data().root().equals(d.root())) {
        return Optional.empty();
      }
      return evidence(index, held, a);
    }
    votes.put(v, a);
    votesHeld++;
    long source = d.source().epoch();
    if (v >= maxSource.length) {
      maxSource = Arrays.copyOf(maxSource, Math.max(v + 1, maxSource.length * 2));
    }
    // It surrounds an earlier vote only if some earlier vote has a greater source: never so for an honest validator.
    if (Long.compareUnsigned(maxSource[v], source) > 0) {
      for (long e = oldestKeptEpoch(); e < target; e++) {
        Attestation earlier = voteOf(v, e);
        if (earlier != null && SlashingRules.isSlashableAttestationData(d, earlier.data())) {
          return evidence(index, a, earlier);
        }
      }
      maxSource[v] = greatestSourceOf(v);
    } else {
      maxSource[v] = source;
    }
    for (long e = target + 1; e <= newestEpoch; e++) {
      Attestation later = voteOf(v, e);
      if (later != null && SlashingRules.isSlashableAttestationData(later.data(), d)) {
        return evidence(index, later, a);
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
    return votesHeld;
  }

  /** {@link #storedVotes()} counted afresh: every vote held for an epoch in the window, to test the running count. */
  int countStoredVotes() {
    int n = 0;
    for (long e = oldestKeptEpoch(); e <= newestEpoch; e++) {
      EpochVotes votes = votesAt(e);
      n += votes == null ? 0 : votes.countHeld();
    }
    return n;
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

  /** The votes of {@code epoch} (in the window), made room for if there are none yet. */
  private EpochVotes votesOf(long epoch) {
    EpochVotes votes = votesAt(epoch);
    if (votes == null) {
      votes = new EpochVotes(epoch);
      votesByEpoch[ringIndex(epoch)] = votes; // a free place: the epoch before it there left the window
    }
    return votes;
  }

  private EpochVotes votesAt(long epoch) {
    EpochVotes votes = votesByEpoch[ringIndex(epoch)];
    return votes != null && votes.epoch == epoch ? votes : null;
  }

  private int ringIndex(long epoch) {
    return (int) Long.remainderUnsigned(epoch, votesByEpoch.length);
  }

  private Attestation voteOf(int v, long epoch) {
    EpochVotes votes = votesAt(epoch);
    return votes == null ? null : votes.get(v);
  }

  private long greatestSourceOf(int v) {
    long max = 0;
    for (long e = oldestKeptEpoch(); e <= newestEpoch; e++) {
      Attestation a = voteOf(v, e);
      if (a != null && Long.compareUnsigned(a.data().source().epoch(), max) > 0) {
        max = a.data().source().epoch();
      }
    }
    return max;
  }

  /**
   * {@code oldestKeptEpoch ≤ epoch ≤ newestEpoch}, unsigned: after {@link #advanceTo}, only a too old epoch or an
   * unsigned one of 2^63 or more fails.
   */
  private boolean inWindow(long epoch) {
    return Long.compareUnsigned(epoch, oldestKeptEpoch()) >= 0 && Long.compareUnsigned(epoch, newestEpoch) <= 0;
  }

  private long oldestKeptEpoch() {
    return newestEpoch < historyEpochs ? 0 : newestEpoch - historyEpochs;
  }

  /**
   * Moves the window up to {@code epoch} and forgets the votes of the epochs that leave it, each at most once: the
   * ring holds no epoch older than the window, so at most one ring's length of epochs can leave.
   */
  private void advanceTo(long epoch) {
    if (epoch < 0 || epoch <= newestEpoch) { // an unsigned epoch ≥ 2^63 is never a real one
      return;
    }
    long oldest = oldestKeptEpoch();
    newestEpoch = epoch;
    long leaving = Math.min(oldestKeptEpoch() - oldest, votesByEpoch.length);
    for (long e = oldest; e < oldest + leaving; e++) {
      forgetVotesOf(e);
    }
    headersBySlot.headMap(config.startSlot(oldestKeptEpoch()), false).clear();
  }

  private void forgetVotesOf(long epoch) {
    EpochVotes votes = votesAt(epoch);
    if (votes != null) {
      votesHeld -= votes.count();
      votesByEpoch[ringIndex(epoch)] = null;
    }
  }

  /** The votes with one target epoch, indexed by validator. */
  private static final class EpochVotes {
    final long epoch;
    private Attestation[] votes = new Attestation[0];
    private int count;

    EpochVotes(long epoch) {
      this.epoch = epoch;
    }

    Attestation get(int v) {
      return v < votes.length ? votes[v] : null;
    }

    /** Holds {@code a} as the vote of {@code v}, which has none here yet. */
    void put(int v, Attestation a) {
      if (v >= votes.length) {
        votes = Arrays.copyOf(votes, Math.max(v + 1, votes.length * 2));
      }
      votes[v] = a;
      count++;
    }

    int count() {
      return count;
    }

    /** {@link #count()} by a scan. */
    int countHeld() {
      int n = 0;
      for (Attestation a : votes) {
        n += a == null ? 0 : 1;
      }
      return n;
    }
  }
}
