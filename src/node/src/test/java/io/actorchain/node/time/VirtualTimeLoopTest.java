package io.actorchain.node.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.event.NoLogging$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/** The event loop without an ActorSystem: tasks go straight to it, timers run on it. */
class VirtualTimeLoopTest {

  private final VirtualScheduler scheduler =
      new VirtualScheduler(ConfigFactory.empty(), NoLogging$.MODULE$, Thread::new);
  private final VirtualTimeLoop loop = scheduler.loop();
  private final ExecutionContext onLoop = ExecutionContext.fromExecutor(loop::execute);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeScheduler() {
    scheduler.close();
  }

  @Test
  void shouldRunTasksFirstInFirstOut() {
    for (int i = 0; i < 1_000; i++) {
      loop.execute(record("t" + i));
    }

    loop.awaitIdle();

    assertThat(ran).hasSize(1_000).startsWith("t0@0", "t1@0").endsWith("t999@0");
  }

  @Test
  void shouldKeepRunningAfterATaskThrows() {
    loop.execute(record("before"));
    loop.execute(
        () -> {
          throw new IllegalStateException("boom");
        });
    loop.execute(
        () -> {
          throw new AssertionError("an Error that is not fatal to the JVM");
        });
    loop.execute(record("after"));

    loop.awaitIdle();

    assertThat(ran).containsExactly("before@0", "after@0");
  }

  @Test
  void shouldNeverAdvanceTimeOutsideARun() {
    scheduler.scheduleOnce(millis(10), record("timer"), onLoop);
    loop.execute(record("task"));

    loop.awaitIdle();

    assertThat(ran).containsExactly("task@0");
    assertThat(scheduler.currentTimeMillis()).isZero();
  }

  @Test
  void shouldFireTimersDueNowWithoutARun() {
    scheduler.scheduleOnce(millis(0), record("due-now"), onLoop);

    loop.awaitIdle();

    assertThat(ran).containsExactly("due-now@0");
  }

  @Test
  void shouldLetTasksFinishEachMillisecondBeforeTimeMoves() {
    // Each timer schedules the next one from the loop thread, 10 ms after it ran.
    scheduler.scheduleOnce(millis(10), chain(5), onLoop);

    RunResult result = loop.runAndWait(new Run(Long.MAX_VALUE, () -> false, false));

    assertThat(ran).containsExactly("link5@10", "link4@20", "link3@30", "link2@40", "link1@50");
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.NO_MORE_EVENTS);
    assertThat(result.virtualMillis()).isEqualTo(50);
    assertThat(result.timeSteps()).isEqualTo(5);
  }

  @Test
  void shouldRejectDrivingTimeFromTheLoopThreadItself() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            loop.awaitIdle();
            failure.complete(null);
          } catch (IllegalStateException e) {
            failure.complete(e);
          }
        });

    assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldDrainItsQueueAndRejectNewTasksAfterClose() {
    loop.execute(
        () -> {
          scheduler.close();
          loop.execute(record("queued-during-close"));
        });

    loop.awaitIdle();

    assertThat(ran).containsExactly("queued-during-close@0");
    assertThat(loop.isTerminated()).isTrue();
    assertThatThrownBy(() -> loop.execute(record("late")))
        .isInstanceOf(RejectedExecutionException.class);
  }

  private Runnable chain(int remaining) {
    return () -> {
      ran.add("link" + remaining + "@" + scheduler.currentTimeMillis());
      if (remaining > 1) {
        scheduler.scheduleOnce(millis(10), chain(remaining - 1), onLoop);
      }
    };
  }

  private Runnable record(String label) {
    return () -> ran.add(label + "@" + scheduler.currentTimeMillis());
  }

  private static FiniteDuration millis(long millis) {
    return FiniteDuration.create(millis, "ms");
  }
}
