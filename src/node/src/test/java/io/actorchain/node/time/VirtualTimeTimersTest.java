package io.actorchain.node.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/** Timers of typed actors and of the classic scheduler, on virtual time. */
class VirtualTimeTimersTest {

  private final VirtualSystems systems = new VirtualSystems();
  private final List<TraceEvent> trace = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void terminateSystems() throws Exception {
    systems.terminateAll();
  }

  @Test
  void shouldBootWithTheClockAtZeroAndNothingDueYet() {
    ActorSystem<String> system = systems.start(Behaviors.ignore(), "boot");
    VirtualTime time = VirtualTime.of(system);

    time.awaitIdle();

    assertThat(time.nowMillis()).isZero();
    // Booting runs no timer; Pekko's own housekeeping (a 5 s serializer cache cleanup on this classpath) may wait.
    assertThat(time.scheduler().nextDueMillis()).satisfiesAnyOf(
        due -> assertThat(due).isEmpty(),
        due -> assertThat(due.getAsLong()).isGreaterThanOrEqualTo(5_000));
    assertThat(Clock.of(system)).isInstanceOf(VirtualClock.class);
  }

  @Test
  void shouldFireTimersInVirtualTimeOrderWithTiesFirstInFirstOut() {
    ActorSystem<String> system =
        systems.start(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          timers.startSingleTimer("a", "a", Duration.ofMillis(300));
                          timers.startSingleTimer("b", "b", Duration.ofMillis(100));
                          timers.startSingleTimer("c", "c", Duration.ofMillis(200));
                          timers.startSingleTimer("d", "d", Duration.ofMillis(100));
                          timers.startSingleTimer("e", "e", Duration.ofMillis(300));
                          return TestActors.recorder("timers", Clock.of(context.getSystem()), trace);
                        })),
            "timer-order");

    // Bounded: Pekko's own serializers (distributed data, on this classpath) keep a 5 s cleanup timer forever.
    RunResult result = VirtualTime.of(system).runUntil(1_000);

    assertThat(trace)
        .containsExactly(
            new TraceEvent(100, "timers", "b"),
            new TraceEvent(100, "timers", "d"),
            new TraceEvent(200, "timers", "c"),
            new TraceEvent(300, "timers", "a"),
            new TraceEvent(300, "timers", "e"));
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
    assertThat(result.virtualMillis()).isEqualTo(1_000);
  }

  @Test
  void shouldRunAnHourOfChainedTimers() {
    AtomicInteger links = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.timerChain(links, Duration.ofMillis(100), trace), "hour");
    VirtualTime time = VirtualTime.of(system);

    RunResult result = time.runUntil(Duration.ofHours(1).toMillis());

    assertThat(links.get()).isEqualTo(36_000);
    assertThat(trace).hasSize(36_000);
    assertThat(trace.get(0).virtualMillis()).isEqualTo(100);
    assertThat(trace.get(35_999).virtualMillis()).isEqualTo(3_600_000);
    assertThat(trace).extracting(TraceEvent::virtualMillis).isSorted().doesNotHaveDuplicates();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
    assertThat(result.virtualMillis()).isEqualTo(3_600_000);
    assertThat(result.timeSteps()).isEqualTo(36_000);
  }

  @Test
  void shouldFireFixedDelayAndFixedRateTimersOnSchedule() {
    ActorSystem<String> system =
        systems.start(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          timers.startTimerWithFixedDelay("delay", "delay", Duration.ofMillis(100));
                          timers.startTimerAtFixedRate(
                              "rate", "rate", Duration.ofMillis(50), Duration.ofMillis(100));
                          return TestActors.recorder("timers", Clock.of(context.getSystem()), trace);
                        })),
            "repeating");

    VirtualTime.of(system).runUntil(349);

    assertThat(trace)
        .extracting(e -> e.message() + "@" + e.virtualMillis())
        .containsExactly(
            "rate@50", "delay@100", "rate@150", "delay@200", "rate@250", "delay@300");
  }

  @Test
  void shouldNotDeliverCancelledTimers() {
    ActorSystem<String> system =
        systems.start(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          Clock clock = Clock.of(context.getSystem());
                          timers.startSingleTimer("x", "x", Duration.ofMillis(100));
                          timers.startSingleTimer("y", "y", Duration.ofMillis(200));
                          return Behaviors.receiveMessage(
                              message -> {
                                if (message.equals("cancel-x")) {
                                  timers.cancel("x");
                                } else {
                                  trace.add(new TraceEvent(clock.nowMillis(), "timers", message));
                                }
                                return Behaviors.same();
                              });
                        })),
            "cancel");
    VirtualTime time = VirtualTime.of(system);

    system.tell("cancel-x");
    time.advanceBy(Duration.ofMillis(300));

    assertThat(trace).containsExactly(new TraceEvent(200, "timers", "y"));
  }

  @Test
  void shouldCancelClassicSchedulerTasks() {
    ActorSystem<String> system = systems.start(Behaviors.ignore(), "cancel-classic");
    VirtualTime time = VirtualTime.of(system);
    ExecutionContext dispatcher = system.executionContext();
    AtomicInteger ticks = new AtomicInteger();
    Cancellable once =
        system.classicSystem().scheduler().scheduleOnce(millis(50), ticks::incrementAndGet, dispatcher);
    Cancellable repeating =
        system
            .classicSystem()
            .scheduler()
            .scheduleAtFixedRate(millis(10), millis(10), ticks::incrementAndGet, dispatcher);

    assertThat(once.cancel()).isTrue();
    time.advanceTo(35);
    assertThat(repeating.cancel()).isTrue();
    time.advanceTo(1_000);

    assertThat(ticks.get()).isEqualTo(3);
    assertThat(once.isCancelled()).isTrue();
    assertThat(repeating.isCancelled()).isTrue();
  }

  @Test
  void shouldKeepRunningWhenAScheduledTaskThrows() {
    AtomicInteger ticks = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.ticker(ticks, 0), "throwing");
    system
        .classicSystem()
        .scheduler()
        .scheduleOnce(
            millis(25),
            (Runnable)
                () -> {
                  throw new IllegalStateException("boom");
                },
            InlineExecutionContext.INSTANCE);

    RunResult result = VirtualTime.of(system).runUntil(100);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
    assertThat(ticks.get()).isEqualTo(10);
  }

  @Test
  void shouldProduceIdenticalTracesForIdenticalRuns() throws Exception {
    List<TraceEvent> first = gossipTrace("gossip-1");
    List<TraceEvent> second = gossipTrace("gossip-2");

    assertThat(first).hasSizeGreaterThan(500);
    assertThat(first).extracting(TraceEvent::actor).contains("node-0", "node-4");
    assertThat(second).isEqualTo(first);
  }

  private static List<TraceEvent> gossipTrace(String systemName) throws Exception {
    List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
    VirtualSystems own = new VirtualSystems();
    try {
      ActorSystem<Void> system = own.start(Gossip.create(5, 42L, events), systemName);
      RunResult result = VirtualTime.of(system).runUntil(2_000);
      assertThat(result.outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
    } finally {
      own.terminateAll();
    }
    return List.copyOf(events);
  }

  private static FiniteDuration millis(long millis) {
    return FiniteDuration.create(millis, "ms");
  }
}
