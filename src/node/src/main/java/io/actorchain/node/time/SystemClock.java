package io.actorchain.node.time;

/** Wall-clock time. The only class in ActorChain allowed to read {@code System.currentTimeMillis}. */
public final class SystemClock implements Clock {

  /** Shared instance; the class has no state. */
  public static final SystemClock INSTANCE = new SystemClock();

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
