package io.actorchain.core.mempool;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.mempool.MempoolRejection.Kind;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Exit;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.Payment;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.TxApplier;
import io.actorchain.core.tx.TxRejection;
import io.actorchain.core.tx.TxRules;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Pending transactions (CONSENSUS.md §2), owned by one actor. A transaction enters only if it could become valid on
 * the head state: every rule but the nonce holds, and its nonce is at most {@code maxPerSender − 1} ahead of the
 * sender's account nonce. Transactions are kept per sender by nonce, and exits per validator. Orders are
 * deterministic: senders by address, then nonce; ties in tip by transaction id. Ranking uses the tip actually paid,
 * {@code min(tip, maxFee − baseFee)}; exits pay none, so they rank last and are the first to be evicted.
 * Transactions of blocks abandoned by a reorg are not re-added here: the owner re-adds them.
 */
public final class Mempool {
  private final MempoolPolicy policy;
  private final SignatureCheck sigs;
  private final Map<Hash32, Transaction> byId = new HashMap<>(); // lookups only; never iterated
  private final TreeMap<Address, TreeMap<Long, Transaction>> bySender = new TreeMap<>();
  private final TreeMap<Long, Exit> exits = new TreeMap<>();
  private long baseFee = Fees.GENESIS_BASE_FEE; // the last head's, for ranking by effective tip

  public Mempool(MempoolPolicy policy) {
    this.policy = policy;
    this.sigs = SignatureCheck.cached(Math.min(policy.capacity(), 1 << 20) * 2);
  }

  public MempoolPolicy policy() {
    return policy;
  }

  /** Checks {@code tx} against {@code headState} and the pool's limits, and keeps it if it may become valid. */
  public AddResult add(Transaction tx, LedgerState headState) {
    baseFee = headState.baseFee();
    Hash32 id = tx.id();
    if (byId.containsKey(id)) {
      return rejected(Kind.DUPLICATE, "transaction " + id + " is already pending");
    }
    return tx instanceof Exit exit ? addExit(exit, headState) : addPayment(tx, (Payment) tx, headState);
  }

  private AddResult addExit(Exit exit, LedgerState head) {
    Optional<TxRejection> invalid = TxRules.checkExit(exit, head.registry());
    if (invalid.isPresent()) {
      return invalid(invalid.get());
    }
    if (exits.containsKey(exit.validatorIndex())) {
      return rejected(Kind.DUPLICATE, "an exit of validator " + exit.validatorIndex() + " is already pending");
    }
    invalid = TxRules.checkSignature(exit, head.registry(), sigs);
    if (invalid.isPresent()) {
      return invalid(invalid.get());
    }
    return insertNew(exit, Optional.empty());
  }

  private AddResult addPayment(Transaction tx, Payment p, LedgerState head) {
    Address sender = p.from().address();
    Account account = head.account(sender);
    Optional<TxRejection> invalid = TxRules.checkFields(tx).or(() -> TxRules.checkMaxFee(tx, head.baseFee()));
    if (invalid.isPresent()) {
      return invalid(invalid.get());
    }
    if (p.nonce() < account.nonce()) {
      return rejected(Kind.NONCE_TOO_LOW, "nonce " + p.nonce() + ", account nonce " + account.nonce());
    }
    if (p.nonce() - account.nonce() >= policy.maxPerSender()) {
      return rejected(Kind.NONCE_GAP, "nonce " + p.nonce() + ", account nonce " + account.nonce()
          + ", at most " + (policy.maxPerSender() - 1) + " ahead");
    }
    invalid = TxRules.checkBalance(tx, account).or(() -> TxRules.checkCredit(tx, head.accounts(), head.registry()));
    if (invalid.isPresent()) {
      return invalid(invalid.get());
    }
    TreeMap<Long, Transaction> queue = bySender.get(sender);
    Transaction existing = queue == null ? null : queue.get(p.nonce());
    if (existing != null && !outbids(p, (Payment) existing)) {
      return rejected(Kind.REPLACEMENT_UNDERPRICED, "tip " + p.tip() + " and maxFee " + p.maxFee()
          + " must be at least " + bumped(existing.tip()) + " and " + bumped(existing.maxFee()) + " to replace " + existing.id().shortHex());
    }
    invalid = TxRules.checkSignature(tx, head.registry(), sigs);
    if (invalid.isPresent()) {
      return invalid(invalid.get());
    }
    if (existing != null) {
      remove(existing);
      insert(tx);
      return new AddResult.Replaced(existing);
    }
    return insertNew(tx, Optional.of(sender));
  }

  private AddResult insertNew(Transaction tx, Optional<Address> sender) {
    Optional<Transaction> evicted = Optional.empty();
    if (size() >= policy.capacity()) {
      Optional<Transaction> victim = cheapestEvictable(sender);
      if (victim.isEmpty() || effectiveTip(victim.get()) >= effectiveTip(tx)) {
        return rejected(Kind.POOL_FULL, size() + " pending, capacity " + policy.capacity() + "; tip "
            + effectiveTip(tx) + " does not beat the cheapest evictable "
            + victim.map(v -> String.valueOf(effectiveTip(v))).orElse("(none)"));
      }
      remove(victim.get());
      evicted = victim;
    }
    insert(tx);
    return new AddResult.Accepted(evicted);
  }

  /**
   * The cheapest transaction that can go without stranding another: each sender's highest nonce (the newcomer's own
   * sender excepted) and every exit, ranked by effective tip, then id.
   */
  private Optional<Transaction> cheapestEvictable(Optional<Address> except) {
    List<Transaction> candidates = new ArrayList<>(exits.values());
    bySender.forEach((sender, queue) -> {
      if (except.isEmpty() || !except.get().equals(sender)) {
        candidates.add(queue.lastEntry().getValue());
      }
    });
    return candidates.stream().min(Comparator.comparingLong(this::effectiveTip).thenComparing(Transaction::id));
  }

  private boolean outbids(Payment newer, Payment older) {
    return newer.tip() >= bumped(older.tip()) && newer.maxFee() >= bumped(older.maxFee());
  }

  /** {@code x + ceil(x × bump / 100)}, saturating at Long.MAX_VALUE. */
  private long bumped(long x) {
    BigInteger[] qr = BigInteger.valueOf(x).multiply(BigInteger.valueOf(policy.replaceBumpPercent()))
        .divideAndRemainder(BigInteger.valueOf(100));
    BigInteger up = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    return BigInteger.valueOf(x).add(up).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  private long effectiveTip(Transaction tx) {
    return Fees.tipPaid(tx, baseFee);
  }

  private void insert(Transaction tx) {
    byId.put(tx.id(), tx);
    if (tx instanceof Exit exit) {
      exits.put(exit.validatorIndex(), exit);
    } else {
      bySender.computeIfAbsent(((Payment) tx).from().address(), a -> new TreeMap<>()).put(tx.nonce(), tx);
    }
  }

  private void remove(Transaction tx) {
    byId.remove(tx.id());
    if (tx instanceof Exit exit) {
      exits.remove(exit.validatorIndex());
      return;
    }
    Address sender = ((Payment) tx).from().address();
    TreeMap<Long, Transaction> queue = bySender.get(sender);
    queue.remove(tx.nonce());
    if (queue.isEmpty()) {
      bySender.remove(sender);
    }
  }

  /** Removes a pending transaction; false if it was not pending. */
  public boolean remove(Hash32 id) {
    Transaction tx = byId.get(id);
    if (tx == null) {
      return false;
    }
    remove(tx);
    return true;
  }

  private static AddResult invalid(TxRejection rejection) {
    return rejected(Kind.INVALID, rejection.describe() + " [" + rejection.reason() + "]");
  }

  private static AddResult rejected(Kind kind, String detail) {
    return new AddResult.Rejected(new MempoolRejection(kind, detail));
  }

  /**
   * Up to {@code max} transactions for a block on {@code state}: best effective tip first, each sender's in nonce
   * order from its account nonce, each valid in sequence when applied to {@code state}. A transaction that is not
   * valid there is skipped together with the sender's later ones. Ties go to the lower transaction id.
   */
  public List<Transaction> select(LedgerState state, int max) {
    long fee = state.baseFee();
    Comparator<Transaction> bestFirst = Comparator.<Transaction>comparingLong(tx -> -Fees.tipPaid(tx, fee))
        .thenComparing(Transaction::id);
    PriorityQueue<Transaction> ready = new PriorityQueue<>(bestFirst);
    bySender.forEach((sender, queue) -> {
      Transaction first = queue.get(state.account(sender).nonce());
      if (first != null) {
        ready.add(first);
      }
    });
    ready.addAll(exits.values());
    TxApplier applier = new TxApplier(state, sigs);
    List<Transaction> out = new ArrayList<>();
    while (!ready.isEmpty() && out.size() < max) {
      Transaction tx = ready.poll();
      if (applier.tryApply(tx).isEmpty()) {
        out.add(tx);
        if (tx instanceof Payment p) {
          Transaction next = bySender.get(p.from().address()).get(p.nonce() + 1);
          if (next != null) {
            ready.add(next);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Drops what can no longer enter: nonces below the account nonce (included, or replaced on chain) or beyond the
   * window, and transactions that now break a rule (balance, maxFee below the new base fee, exit already requested
   * or of an unknown validator). Returns the dropped transactions, in {@link #all()} order.
   */
  public List<Transaction> onNewHead(LedgerState state) {
    baseFee = state.baseFee();
    List<Transaction> dropped = new ArrayList<>();
    for (Transaction tx : all()) {
      if (!stillAdmissible(tx, state)) {
        remove(tx);
        dropped.add(tx);
      }
    }
    return List.copyOf(dropped);
  }

  private boolean stillAdmissible(Transaction tx, LedgerState state) {
    if (tx instanceof Exit exit) {
      return TxRules.checkExit(exit, state.registry())
          .or(() -> TxRules.checkSignature(exit, state.registry(), sigs))
          .isEmpty();
    }
    Account account = state.account(((Payment) tx).from().address());
    long ahead = tx.nonce() - account.nonce();
    return ahead >= 0 && ahead < policy.maxPerSender()
        && TxRules.checkMaxFee(tx, state.baseFee())
            .or(() -> TxRules.checkBalance(tx, account))
            .or(() -> TxRules.checkCredit(tx, state.accounts(), state.registry()))
            .isEmpty();
  }

  public int size() {
    return byId.size();
  }

  public boolean contains(Hash32 id) {
    return byId.containsKey(id);
  }

  public Optional<Transaction> get(Hash32 id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every pending transaction: senders by address, each by nonce, then exits by validator index. */
  public List<Transaction> all() {
    List<Transaction> out = new ArrayList<>(byId.size());
    for (NavigableMap<Long, Transaction> queue : bySender.values()) {
      out.addAll(queue.values());
    }
    out.addAll(exits.values());
    return List.copyOf(out);
  }
}
