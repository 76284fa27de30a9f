package io.actorchain.node.time;

import org.apache.pekko.actor.Cancellable;
import scala.concurrent.ExecutionContext;

/**
 * One entry of a {@link VirtualScheduler}'s queue. Entries are ordered by (due time, insertion
 * sequence), so tasks due in the same millisecond run in the order they were scheduled.
 *
 * <p>Every mutable field is guarded by the owning scheduler's lock. A repeating task is the same
 * object for all its runs: it gets a new due time and a new sequence number each time it fires.
 */
final class ScheduledTask implements Cancellable {

  enum State { SCHEDULED, FIRED, CANCELLED }

  private final VirtualScheduler owner;
  final Runnable runnable;
  final ExecutionContext executor;
  /** Milliseconds between runs; 0 for a one-shot task. */
  final long intervalMillis;
  /** What is handed to {@link #executor}: the runnable itself, or a wrapper for repeating tasks. */
  final Runnable body;

  long dueMillis;
  long sequence;
  State state = State.SCHEDULED;
  boolean inQueue;

  ScheduledTask(
      VirtualScheduler owner,
      Runnable runnable,
      ExecutionContext executor,
      long dueMillis,
      long intervalMillis,
      long sequence) {
    this.owner = owner;
    this.runnable = runnable;
    this.executor = executor;
    this.dueMillis = dueMillis;
    this.intervalMillis = intervalMillis;
    this.sequence = sequence;
    this.body = intervalMillis > 0 ? this::runRepeating : runnable;
  }

  boolean isRepeating() {
    return intervalMillis > 0;
  }

  /** As Pekko's schedulers do: a repeating task that throws is not run again. */
  private void runRepeating() {
    try {
      runnable.run();
    } catch (RuntimeException | Error e) {
      cancel();
      throw e;
    }
  }

  @Override
  public boolean cancel() {
    return owner.cancel(this);
  }

  @Override
  public boolean isCancelled() {
    return owner.isCancelled(this);
  }

  @Override
  public String toString() {
    return "ScheduledTask[due=" + dueMillis + " ms, seq=" + sequence
        + (isRepeating() ? ", every " + intervalMillis + " ms" : "") + ", " + runnable + "]";
  }
}
