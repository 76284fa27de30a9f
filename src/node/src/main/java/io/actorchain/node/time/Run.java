package io.actorchain.node.time;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/** A request for the loop thread to advance virtual time on its own, and its eventual result. */
final class Run {

  final long endMillis;
  final BooleanSupplier stopCondition;
  /** Set the clock to {@link #endMillis} even when nothing more is scheduled. */
  final boolean clockToEnd;
  final CompletableFuture<RunResult> result = new CompletableFuture<>();
  volatile boolean stopRequested;

  // Loop thread only.
  boolean started;
  long timeStepsAtStart;
  long tasksRunAtStart;

  Run(long endMillis, BooleanSupplier stopCondition, boolean clockToEnd) {
    this.endMillis = endMillis;
    this.stopCondition = Objects.requireNonNull(stopCondition, "stopCondition");
    this.clockToEnd = clockToEnd;
  }

  /**
   * Blocks until the loop finishes this run. An interrupted caller asks the run to stop and gets an
   * {@link IllegalStateException}; a failure of the stop condition is rethrown as is.
   */
  RunResult await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      stopRequested = true;
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a virtual-time run", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Virtual-time run failed", cause);
    }
  }
}
