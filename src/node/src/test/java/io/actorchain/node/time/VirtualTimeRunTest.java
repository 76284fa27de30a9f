package io.actorchain.node.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Driving virtual time: quiescence, runs and how they end, and which systems qualify. */
class VirtualTimeRunTest {

  private final VirtualSystems systems = new VirtualSystems();
  private final List<TraceEvent> trace = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void terminateSystems() throws Exception {
    systems.terminateAll();
  }

  @Test
  void shouldNotAdvanceTimeWhileActorsAreBusy() {
    ActorSystem<PingPong.Command> system = systems.start(PingPong.create(10_000, trace), "ping-pong");
    VirtualTime time = VirtualTime.of(system);

    time.runUntil(1_000); // bounded: Pekko's own serializers keep a 5 s cleanup timer forever

    List<TraceEvent> balls = trace.stream().filter(e -> e.message().startsWith("ball")).toList();
    assertThat(balls).hasSize(10_000);
    assertThat(balls).allSatisfy(e -> assertThat(e.virtualMillis()).isEqualTo(100));
    assertThat(balls).extracting(TraceEvent::actor).containsSubsequence("ping", "pong", "ping");
    // The timer due one millisecond after the rally started only fired once the rally was over.
    assertThat(trace.get(trace.size() - 1)).isEqualTo(new TraceEvent(101, "ping", "late-timer"));
  }

  @Test
  void shouldDigestMessagesOnAwaitIdleWithoutAdvancingTime() {
    ActorSystem<String> system =
        systems.start(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          timers.startSingleTimer("later", "later", Duration.ofSeconds(1));
                          return TestActors.recorder("sink", Clock.of(context.getSystem()), trace);
                        })),
            "idle");
    VirtualTime time = VirtualTime.of(system);

    for (int i = 0; i < 1_000; i++) {
      system.tell("m" + i);
    }
    time.awaitIdle();

    assertThat(trace).hasSize(1_000).allSatisfy(e -> assertThat(e.virtualMillis()).isZero());
    assertThat(trace.get(999).message()).isEqualTo("m999");
    assertThat(time.nowMillis()).isZero();
    assertThat(time.scheduler().nextDueMillis()).isEqualTo(OptionalLong.of(1_000));
  }

  @Test
  void shouldAwaitIdleAfterMessagesFromManyThreads() throws Exception {
    AtomicInteger received = new AtomicInteger();
    ActorSystem<String> system =
        systems.start(
            Behaviors.receiveMessage(
                message -> {
                  received.incrementAndGet();
                  return Behaviors.same();
                }),
            "many-senders");
    VirtualTime time = VirtualTime.of(system);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> batches = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        batches.add(
            senders.submit(
                () -> {
                  for (int i = 0; i < 2_500; i++) {
                    system.tell("m" + i);
                  }
                }));
      }
      for (Future<?> batch : batches) {
        batch.get(30, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdown();
    }

    time.awaitIdle();

    assertThat(received.get()).isEqualTo(10_000);
    assertThat(time.nowMillis()).isZero();
  }

  @Test
  void shouldRefuseToMoveTimeBackwards() {
    VirtualTime time = VirtualTime.of(systems.start(Behaviors.ignore(), "backwards"));
    time.advanceTo(100);

    assertThatThrownBy(() -> time.runUntil(50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> time.advanceBy(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(time.nowMillis()).isEqualTo(100);
  }

  @Test
  void shouldLetActorsRescheduleWhileTimeIsAdvancedFromTheCaller() {
    AtomicInteger links = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.timerChain(links, Duration.ofMillis(10), trace), "advance");
    VirtualTime time = VirtualTime.of(system);

    time.advanceBy(Duration.ofMillis(55));

    assertThat(trace).extracting(TraceEvent::virtualMillis).containsExactly(10L, 20L, 30L, 40L, 50L);
    assertThat(time.nowMillis()).isEqualTo(55);

    time.advanceTo(100);

    assertThat(links.get()).isEqualTo(10);
    assertThat(time.nowMillis()).isEqualTo(100);
  }

  @Test
  void shouldRunTasksDueExactlyAtTheEndTime() {
    AtomicInteger ticks = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.ticker(ticks, 0), "inclusive-end");
    VirtualTime time = VirtualTime.of(system);

    time.runUntil(99);
    assertThat(ticks.get()).isEqualTo(9);

    time.runUntil(100);
    assertThat(ticks.get()).isEqualTo(10);
  }

  @Test
  void shouldStopAtTheEndTimeAndThenAtTheStopCondition() {
    AtomicInteger ticks = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.ticker(ticks, 0), "until");
    VirtualTime time = VirtualTime.of(system);

    RunResult untilEnd = time.runUntil(1_000);

    assertThat(untilEnd.outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
    assertThat(untilEnd.virtualMillis()).isEqualTo(1_000);
    assertThat(ticks.get()).isEqualTo(100);

    RunResult untilCondition = time.runUntil(Long.MAX_VALUE, () -> ticks.get() >= 150);

    assertThat(untilCondition.outcome()).isEqualTo(RunResult.Outcome.STOP_CONDITION_MET);
    assertThat(untilCondition.virtualMillis()).isEqualTo(1_500);
    assertThat(untilCondition.timeSteps()).isEqualTo(50);
    assertThat(ticks.get()).isEqualTo(150);
  }

  @Test
  void shouldStopWhenAnActorRequestsIt() {
    AtomicInteger ticks = new AtomicInteger();
    ActorSystem<String> system = systems.start(TestActors.ticker(ticks, 20), "stop-request");

    RunResult result = VirtualTime.of(system).runUntil(Long.MAX_VALUE);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.STOP_REQUESTED);
    assertThat(result.virtualMillis()).isEqualTo(200);
    assertThat(ticks.get()).isEqualTo(20);
  }

  @Test
  void shouldRethrowAFailingStopCondition() {
    ActorSystem<String> system = systems.start(TestActors.ticker(new AtomicInteger(), 0), "failing-condition");
    VirtualTime time = VirtualTime.of(system);

    assertThatThrownBy(
            () ->
                time.runUntil(
                    1_000,
                    () -> {
                      throw new IllegalStateException("bad condition");
                    }))
        .hasMessage("bad condition");
    assertThat(time.runUntil(100).outcome()).isEqualTo(RunResult.Outcome.END_TIME_REACHED);
  }

  @Test
  void shouldRunTwoSystemsIndependentlyAtTheSameTime() throws Exception {
    AtomicInteger ticksA = new AtomicInteger();
    AtomicInteger ticksB = new AtomicInteger();
    VirtualTime a = VirtualTime.of(systems.start(TestActors.ticker(ticksA, 0), "a"));
    VirtualTime b = VirtualTime.of(systems.start(TestActors.ticker(ticksB, 0), "b"));

    CompletableFuture<RunResult> runA = CompletableFuture.supplyAsync(() -> a.runUntil(5_000));
    CompletableFuture<RunResult> runB = CompletableFuture.supplyAsync(() -> b.runUntil(2_000));

    assertThat(runA.get(60, TimeUnit.SECONDS).virtualMillis()).isEqualTo(5_000);
    assertThat(runB.get(60, TimeUnit.SECONDS).virtualMillis()).isEqualTo(2_000);
    assertThat(ticksA.get()).isEqualTo(500);
    assertThat(ticksB.get()).isEqualTo(200);
  }

  @Test
  void shouldEndTheRunWhenAnActorTerminatesTheSystem() throws Exception {
    ActorSystem<String> system =
        systems.start(
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> {
                          timers.startSingleTimer("stop", "stop", Duration.ofMillis(50));
                          return Behaviors.receiveMessage(
                              message -> {
                                context.getSystem().terminate();
                                return Behaviors.same();
                              });
                        })),
            "self-terminating");

    RunResult result = VirtualTime.of(system).runUntil(Long.MAX_VALUE);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SYSTEM_TERMINATED);
    assertThat(result.virtualMillis()).isEqualTo(50);
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldRefuseASystemWhoseDispatchersAreNotOnTheLoop() throws Exception {
    ActorSystem<String> system =
        ActorSystem.create(
            Behaviors.ignore(),
            "half-virtual",
            ConfigFactory.parseString(
                    "pekko.scheduler.implementation = " + VirtualScheduler.class.getName())
                .withFallback(ConfigFactory.load()));
    try {
      assertThatThrownBy(() -> VirtualTime.of(system))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("pekko.actor.default-dispatcher.executor");
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRefuseToRunAfterTheSystemTerminated() throws Exception {
    ActorSystem<String> system = systems.start(Behaviors.ignore(), "terminated");
    VirtualTime time = VirtualTime.of(system);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThatThrownBy(() -> time.runUntil(100)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldRefuseSystemsThatRunOnRealTime() throws Exception {
    ActorSystem<String> system = ActorSystem.create(Behaviors.ignore(), "real", ConfigFactory.load());
    try {
      assertThatThrownBy(() -> VirtualTime.of(system))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("pekko.scheduler.implementation");
      assertThat(Clock.of(system)).isSameAs(SystemClock.INSTANCE);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
