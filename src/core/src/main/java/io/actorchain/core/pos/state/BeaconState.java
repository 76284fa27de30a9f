package io.actorchain.core.pos.state;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.state.Accounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code BeaconState} (CONSENSUS.md §5.3): the registry plus what block and epoch processing need. Mutable and owned
 * by one writer at a time; {@link #copy()} before changing a state someone else holds. {@link #root()} is
 * {@code H(canonical(state))}, the value a block's {@code stateRoot} commits to.
 *
 * <p>Block roots follow Ethereum's {@code latest_block_header}: a processed block's header is kept with a zero state
 * root, which the next slot transition fills in before it records the block's root. Until the first PoS block the
 * latest block is the anchor (the terminal PoW block, CONSENSUS.md §4), whose root is {@link #genesisRoot()}.
 */
public final class BeaconState implements Canonical {
  private long slot;
  private final long genesisTime;
  private final Hash32 genesisRoot;
  private BeaconBlockHeader latestBlockHeader; // null while the anchor is the latest block
  private final List<Validator> validators;
  private long[] balances;
  private final Hash32[] randaoMixes;
  private final Hash32[] blockRoots;
  private final long[] slashings;
  private byte[] previousEpochParticipation;
  private byte[] currentEpochParticipation;
  private int justificationBits;
  private Checkpoint previousJustified;
  private Checkpoint currentJustified;
  private Checkpoint finalized;
  private long[] inactivityScores;
  private Accounts accounts;
  private long baseFee;
  /**
   * Derived data (an epoch's committee shuffling, a slot's proposer): never encoded, dropped whenever the registry or
   * a RANDAO mix changes, which are the only state fields they depend on. Lookups only, never iterated. Concurrent,
   * because a state that nobody changes any more may be read by the nodes of one JVM at once (see
   * {@code TransitionMemo}), and reading may remember a derived value.
   */
  private java.util.Map<Object, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();
  /**
   * SHA-256 midstate after the canonical form's first part (genesis fields and the registry), which changes only at
   * epoch boundaries: {@link #root()} then hashes just the rest. Dropped whenever a validator changes.
   */
  private volatile java.security.MessageDigest registryMidstate;

  /** A state with every vector of the right length; callers then fill it (see {@code PosGenesis}). */
  public BeaconState(long slot, long genesisTime, Hash32 genesisRoot, BeaconBlockHeader latestBlockHeader,
      List<Validator> validators, long[] balances, Hash32[] randaoMixes, Hash32[] blockRoots, long[] slashings,
      byte[] previousEpochParticipation, byte[] currentEpochParticipation, int justificationBits,
      Checkpoint previousJustified, Checkpoint currentJustified, Checkpoint finalized, long[] inactivityScores,
      Accounts accounts, long baseFee) {
    int n = validators.size();
    if (balances.length != n || previousEpochParticipation.length != n || currentEpochParticipation.length != n
        || inactivityScores.length != n) {
      throw new IllegalArgumentException("per-validator arrays must all have " + n + " entries");
    }
    this.slot = slot;
    this.genesisTime = genesisTime;
    this.genesisRoot = genesisRoot;
    this.latestBlockHeader = latestBlockHeader;
    this.validators = new ArrayList<>(validators);
    this.balances = balances.clone();
    this.randaoMixes = randaoMixes.clone();
    this.blockRoots = blockRoots.clone();
    this.slashings = slashings.clone();
    this.previousEpochParticipation = previousEpochParticipation.clone();
    this.currentEpochParticipation = currentEpochParticipation.clone();
    this.justificationBits = justificationBits & 0b1111;
    this.previousJustified = previousJustified;
    this.currentJustified = currentJustified;
    this.finalized = finalized;
    this.inactivityScores = inactivityScores.clone();
    this.accounts = accounts;
    this.baseFee = baseFee;
  }

  /** A deep copy: nothing mutable is shared (derived values are immutable and still valid for the copy). */
  public BeaconState copy() {
    BeaconState c = new BeaconState(slot, genesisTime, genesisRoot, latestBlockHeader, validators, balances,
        randaoMixes, blockRoots, slashings, previousEpochParticipation, currentEpochParticipation, justificationBits,
        previousJustified, currentJustified, finalized, inactivityScores, accounts, baseFee);
    c.derived = new java.util.concurrent.ConcurrentHashMap<>(derived);
    c.registryMidstate = cloneDigest(registryMidstate);
    return c;
  }

  /** A value derived from this state under {@code key}, e.g. an epoch (see {@link #derived}), or null. */
  public Object derivedFor(Object key) {
    return derived.get(key);
  }

  /** Remembers, under {@code key}, an immutable value derived only from the registry and the RANDAO mixes. */
  public void rememberDerived(Object key, Object value) {
    derived.put(key, value);
  }

  // --- scalars ---
  public long slot() {
    return slot;
  }

  public void setSlot(long slot) {
    this.slot = slot;
  }

  public long genesisTime() {
    return genesisTime;
  }

  public Hash32 genesisRoot() {
    return genesisRoot;
  }

  /** The latest processed block's header (state root zero until the next slot), or null while it is the anchor. */
  public BeaconBlockHeader latestBlockHeader() {
    return latestBlockHeader;
  }

  public void setLatestBlockHeader(BeaconBlockHeader header) {
    this.latestBlockHeader = header;
  }

  /** The root of the latest block: the anchor's until a PoS block is processed. Valid once its state root is filled. */
  public Hash32 latestBlockRoot() {
    return latestBlockHeader == null ? genesisRoot : latestBlockHeader.root();
  }

  public int justificationBits() {
    return justificationBits;
  }

  public void setJustificationBits(int bits) {
    this.justificationBits = bits & 0b1111;
  }

  public Checkpoint previousJustified() {
    return previousJustified;
  }

  public void setPreviousJustified(Checkpoint c) {
    this.previousJustified = c;
  }

  public Checkpoint currentJustified() {
    return currentJustified;
  }

  public void setCurrentJustified(Checkpoint c) {
    this.currentJustified = c;
  }

  public Checkpoint finalized() {
    return finalized;
  }

  public void setFinalized(Checkpoint c) {
    this.finalized = c;
  }

  public Accounts accounts() {
    return accounts;
  }

  public void setAccounts(Accounts a) {
    this.accounts = a;
  }

  public long baseFee() {
    return baseFee;
  }

  public void setBaseFee(long fee) {
    this.baseFee = fee;
  }

  // --- the registry and per-validator vectors ---
  public int validatorCount() {
    return validators.size();
  }

  public Validator validator(int index) {
    return validators.get(index);
  }

  public void setValidator(int index, Validator v) {
    Validator old = validators.set(index, v);
    if (!old.equals(v)) {
      registryMidstate = null;
    }
    if (old.activationEpoch() != v.activationEpoch() || old.exitEpoch() != v.exitEpoch()) {
      derived.clear(); // the active set changed
    }
  }

  /** An unmodifiable view of the registry, in index order. */
  public List<Validator> validators() {
    return java.util.Collections.unmodifiableList(validators);
  }

  /** Appends a validator with its balance; participation and inactivity start at zero. Returns its index. */
  public int addValidator(Validator v, long balance) {
    validators.add(v);
    derived.clear();
    registryMidstate = null;
    int n = validators.size();
    balances = Arrays.copyOf(balances, n);
    balances[n - 1] = balance;
    previousEpochParticipation = Arrays.copyOf(previousEpochParticipation, n);
    currentEpochParticipation = Arrays.copyOf(currentEpochParticipation, n);
    inactivityScores = Arrays.copyOf(inactivityScores, n);
    return n - 1;
  }

  public long balance(int index) {
    return balances[index];
  }

  public void setBalance(int index, long gwei) {
    balances[index] = gwei;
  }

  public void increaseBalance(int index, long delta) {
    balances[index] = Math.addExact(balances[index], delta);
  }

  /** {@code balance −= min(balance, delta)}: a balance never goes below 0. */
  public void decreaseBalance(int index, long delta) {
    balances[index] = delta > balances[index] ? 0 : balances[index] - delta;
  }

  public int previousEpochParticipation(int index) {
    return previousEpochParticipation[index] & 0xff;
  }

  public void setPreviousEpochParticipation(int index, int flags) {
    previousEpochParticipation[index] = (byte) flags;
  }

  public int currentEpochParticipation(int index) {
    return currentEpochParticipation[index] & 0xff;
  }

  public void setCurrentEpochParticipation(int index, int flags) {
    currentEpochParticipation[index] = (byte) flags;
  }

  /** Step 9 of epoch processing: previous = current, current = all zero. */
  public void rotateParticipation() {
    previousEpochParticipation = currentEpochParticipation;
    currentEpochParticipation = new byte[validators.size()];
  }

  public long inactivityScore(int index) {
    return inactivityScores[index];
  }

  public void setInactivityScore(int index, long score) {
    inactivityScores[index] = score;
  }

  // --- fixed-length vectors ---
  public int randaoMixesLength() {
    return randaoMixes.length;
  }

  /** {@code randaoMixes[i]}; callers reduce the epoch modulo EPOCHS_PER_HISTORICAL_VECTOR. */
  public Hash32 randaoMixAt(int i) {
    return randaoMixes[i];
  }

  public void setRandaoMixAt(int i, Hash32 mix) {
    randaoMixes[i] = mix;
    derived.clear();
  }

  /** {@code blockRoots[i]}; callers reduce the slot modulo SLOTS_PER_HISTORICAL_ROOT. */
  public Hash32 blockRootAt(int i) {
    return blockRoots[i];
  }

  public void setBlockRootAt(int i, Hash32 root) {
    blockRoots[i] = root;
  }

  public long slashingsAt(int i) {
    return slashings[i];
  }

  public void setSlashingsAt(int i, long gwei) {
    slashings[i] = gwei;
  }

  public long totalSlashings() {
    long sum = 0;
    for (long s : slashings) {
      sum = Math.addExact(sum, s);
    }
    return sum;
  }

  /** {@code H(canonical(state))}, hashing the registry part once per registry change (see {@link #registryMidstate}). */
  @Override
  public Hash32 root() {
    java.security.MessageDigest midstate = registryMidstate;
    if (midstate == null) {
      CanonicalWriter w = new CanonicalWriter(64 + validators.size() * 96);
      writeRegistryPart(w);
      midstate = io.actorchain.core.codec.Sha256.newDigest();
      midstate.update(w.toByteArray());
      registryMidstate = midstate;
    }
    java.security.MessageDigest d = cloneDigest(midstate);
    CanonicalWriter rest = new CanonicalWriter(256 + balances.length * 26 + (randaoMixes.length + blockRoots.length) * 32);
    writeRest(rest);
    d.update(rest.toByteArray());
    return Hash32.wrap(d.digest());
  }

  private static java.security.MessageDigest cloneDigest(java.security.MessageDigest d) {
    try {
      return d == null ? null : (java.security.MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }

  /** Canonical form: the registry part (genesis fields, validators), then everything that changes every slot. */
  @Override
  public void writeTo(CanonicalWriter w) {
    writeRegistryPart(w);
    writeRest(w);
  }

  private void writeRegistryPart(CanonicalWriter w) {
    w.u64le(genesisTime).fixed(genesisRoot);
    w.list(validators, (ww, v) -> v.writeTo(ww));
  }

  private void writeRest(CanonicalWriter w) {
    w.u64le(slot);
    w.bool(latestBlockHeader != null);
    if (latestBlockHeader != null) {
      latestBlockHeader.writeTo(w);
    }
    w.u32le(balances.length);
    for (long b : balances) {
      w.u64le(b);
    }
    w.u32le(randaoMixes.length);
    for (Hash32 m : randaoMixes) {
      w.fixed(m);
    }
    w.u32le(blockRoots.length);
    for (Hash32 r : blockRoots) {
      w.fixed(r);
    }
    w.u32le(slashings.length);
    for (long s : slashings) {
      w.u64le(s);
    }
    w.bytes(previousEpochParticipation).bytes(currentEpochParticipation).u8(justificationBits);
    previousJustified.writeTo(w);
    currentJustified.writeTo(w);
    finalized.writeTo(w);
    w.u32le(inactivityScores.length);
    for (long s : inactivityScores) {
      w.u64le(s);
    }
    accounts.writeTo(w);
    w.u64le(baseFee);
  }

  public static BeaconState read(CanonicalReader r) {
    long genesisTime = r.u64le();
    Hash32 genesisRoot = Hash32.read(r);
    List<Validator> validators = r.list(Validator::read);
    long slot = r.u64le();
    BeaconBlockHeader latest = r.bool() ? BeaconBlockHeader.read(r) : null;
    long[] balances = readLongs(r);
    Hash32[] mixes = readHashes(r);
    Hash32[] roots = readHashes(r);
    long[] slashings = readLongs(r);
    byte[] prev = r.bytes();
    byte[] curr = r.bytes();
    int bits = r.u8();
    if (bits > 0b1111) {
      throw new MalformedEncodingException("justification bits use 4 bits, got " + bits);
    }
    Checkpoint pj = Checkpoint.read(r);
    Checkpoint cj = Checkpoint.read(r);
    Checkpoint fin = Checkpoint.read(r);
    long[] scores = readLongs(r);
    Accounts accounts = Accounts.read(r);
    long baseFee = r.u64le();
    try {
      return new BeaconState(slot, genesisTime, genesisRoot, latest, validators, balances, mixes, roots, slashings,
          prev, curr, bits, pj, cj, fin, scores, accounts, baseFee);
    } catch (IllegalArgumentException e) {
      throw new MalformedEncodingException(e.getMessage());
    }
  }

  private static long[] readLongs(CanonicalReader r) {
    int n = r.u32le();
    if (n < 0 || n > CanonicalReader.MAX_LENGTH / 8) {
      throw new MalformedEncodingException("vector length out of range: " + Integer.toUnsignedString(n));
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.u64le();
    }
    return out;
  }

  private static Hash32[] readHashes(CanonicalReader r) {
    int n = r.u32le();
    if (n < 0 || n > CanonicalReader.MAX_LENGTH / 32) {
      throw new MalformedEncodingException("vector length out of range: " + Integer.toUnsignedString(n));
    }
    Hash32[] out = new Hash32[n];
    for (int i = 0; i < n; i++) {
      out[i] = Hash32.read(r);
    }
    return out;
  }
}
