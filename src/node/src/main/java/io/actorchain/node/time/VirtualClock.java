package io.actorchain.node.time;

import java.util.Objects;

/**
 * Virtual time: milliseconds since the virtual start (0) of a {@link VirtualScheduler}. Safe to read
 * from any thread; it only moves when the scheduler is advanced.
 */
public final class VirtualClock implements Clock {

  private final VirtualScheduler scheduler;

  public VirtualClock(VirtualScheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public long nowMillis() {
    return scheduler.currentTimeMillis();
  }

  @Override
  public String toString() {
    return "VirtualClock[" + scheduler.currentTimeMillis() + " ms]";
  }
}
