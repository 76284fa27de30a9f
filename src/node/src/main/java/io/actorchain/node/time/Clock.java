package io.actorchain.node.time;

import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * The only source of time for ActorChain code.
 *
 * <p>Production nodes use {@link SystemClock}; simulations use {@link VirtualClock}, which reads
 * the virtual scheduler of their ActorSystem.
 */
@FunctionalInterface
public interface Clock {

  /** Milliseconds since this clock's epoch: the Unix epoch for real time, virtual start otherwise. */
  long nowMillis();

  /**
   * The clock that matches {@code system}'s scheduler: a {@link VirtualClock} when the system runs
   * on virtual time, {@link SystemClock#INSTANCE} otherwise.
   */
  static Clock of(ClassicActorSystemProvider system) {
    return VirtualScheduler.find(system)
        .<Clock>map(VirtualClock::new)
        .orElse(SystemClock.INSTANCE);
  }
}
