package io.actorchain.node.time;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Small behaviours the virtual-time tests share. */
final class TestActors {

  private TestActors() {}

  /** Records every message with the virtual time it arrived. */
  static Behavior<String> recorder(String actor, Clock clock, List<TraceEvent> trace) {
    return Behaviors.receiveMessage(
        message -> {
          trace.add(new TraceEvent(clock.nowMillis(), actor, message));
          return Behaviors.same();
        });
  }

  /** A chain of single timers, each started when the previous one's message arrives. */
  static Behavior<String> timerChain(AtomicInteger links, Duration step, List<TraceEvent> trace) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  Clock clock = Clock.of(context.getSystem());
                  timers.startSingleTimer("link", "link", step);
                  return Behaviors.receiveMessage(
                      message -> {
                        trace.add(new TraceEvent(clock.nowMillis(), "chain", message));
                        links.incrementAndGet();
                        timers.startSingleTimer("link", "link", step);
                        return Behaviors.same();
                      });
                }));
  }

  /** Ticks every 10 ms; on tick number {@code stopAt} (if positive) asks the run to stop. */
  static Behavior<String> ticker(AtomicInteger ticks, int stopAt) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerAtFixedRate("tick", "tick", Duration.ofMillis(10));
                  return Behaviors.receiveMessage(
                      message -> {
                        if (ticks.incrementAndGet() == stopAt) {
                          VirtualTime.of(context.getSystem()).requestStop();
                        }
                        return Behaviors.same();
                      });
                }));
  }
}
