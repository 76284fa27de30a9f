package io.actorchain.core.mempool;

import io.actorchain.core.tx.Transaction;
import java.util.Optional;

/** What {@link Mempool#add} did with a transaction. */
public sealed interface AddResult permits AddResult.Accepted, AddResult.Replaced, AddResult.Rejected {
  /** Whether the transaction is now pending (worth gossiping on). */
  default boolean added() {
    return !(this instanceof Rejected);
  }

  /** Pending now; {@code evicted} is the cheaper transaction it pushed out of a full pool, if any. */
  record Accepted(Optional<Transaction> evicted) implements AddResult {
    /** Accepted without evicting anything. */
    public Accepted() {
      this(Optional.empty());
    }
  }

  /** Pending now in place of {@code old}, which had the same sender and nonce but paid less. */
  record Replaced(Transaction old) implements AddResult {}

  record Rejected(MempoolRejection rejection) implements AddResult {}
}
