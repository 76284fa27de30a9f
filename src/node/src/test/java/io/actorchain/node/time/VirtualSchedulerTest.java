package io.actorchain.node.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.NoLogging$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** The scheduler on its own, driven from the test thread with an inline execution context. */
class VirtualSchedulerTest {

  private final VirtualScheduler scheduler =
      new VirtualScheduler(ConfigFactory.empty(), NoLogging$.MODULE$, Thread::new);
  private final List<String> ran = new ArrayList<>();

  @AfterEach
  void closeScheduler() {
    scheduler.close();
  }

  @Test
  void shouldStartAtZeroWithNothingDue() {
    assertThat(scheduler.currentTimeMillis()).isZero();
    assertThat(scheduler.nextDueMillis()).isEmpty();
    assertThat(scheduler.pendingTaskCount()).isZero();
  }

  @Test
  void shouldRunTasksInDueOrderWithTiesFirstInFirstOut() {
    once(300, "a");
    once(100, "b");
    once(200, "c");
    once(100, "d");
    once(300, "e");

    scheduler.advanceTo(1_000);

    assertThat(ran).containsExactly("b@100", "d@100", "c@200", "a@300", "e@300");
    assertThat(scheduler.currentTimeMillis()).isEqualTo(1_000);
  }

  @Test
  void shouldRunOnlyTasksDueAtOrBeforeTheTarget() {
    once(100, "early");
    once(101, "late");

    scheduler.advanceTo(100);

    assertThat(ran).containsExactly("early@100");
    assertThat(scheduler.nextDueMillis()).isEqualTo(OptionalLong.of(101));
  }

  @Test
  void shouldMeasureDelaysFromTheTimeOfScheduling() {
    scheduler.advanceTo(500);
    once(100, "x");

    assertThat(scheduler.nextDueMillis()).isEqualTo(OptionalLong.of(600));
  }

  @Test
  void shouldRoundSubMillisecondDelaysUp() {
    scheduler.scheduleOnce(FiniteDuration.create(1_500, TimeUnit.MICROSECONDS), record("x"), InlineExecutionContext.INSTANCE);

    assertThat(scheduler.nextDueMillis()).isEqualTo(OptionalLong.of(2));
  }

  @Test
  void shouldRunTasksScheduledByTasksWhenTheyFallInsideTheAdvance() {
    scheduler.scheduleOnce(
        millis(10),
        () -> {
          ran.add("first@" + scheduler.currentTimeMillis());
          once(5, "second");
        },
        InlineExecutionContext.INSTANCE);

    scheduler.advanceTo(20);

    assertThat(ran).containsExactly("first@10", "second@15");
  }

  @Test
  void shouldRepeatAtFixedRate() {
    scheduler.scheduleAtFixedRate(millis(5), millis(10), record("tick"), InlineExecutionContext.INSTANCE);

    scheduler.advanceTo(40);

    assertThat(ran).containsExactly("tick@5", "tick@15", "tick@25", "tick@35");
  }

  @Test
  void shouldRepeatWithFixedDelay() {
    scheduler.scheduleWithFixedDelay(millis(0), millis(25), record("tick"), InlineExecutionContext.INSTANCE);

    scheduler.advanceTo(60);

    assertThat(ran).containsExactly("tick@0", "tick@25", "tick@50");
  }

  @Test
  void shouldRejectNonPositiveRepeatIntervals() {
    assertThatThrownBy(
            () ->
                scheduler.scheduleAtFixedRate(
                    millis(1), millis(0), record("x"), InlineExecutionContext.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNotRunACancelledTask() {
    Cancellable cancelled = once(10, "cancelled");
    once(20, "kept");

    assertThat(cancelled.cancel()).isTrue();
    scheduler.advanceTo(100);

    assertThat(ran).containsExactly("kept@20");
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(cancelled.cancel()).isFalse();
  }

  @Test
  void shouldNotCancelATaskThatAlreadyRan() {
    Cancellable task = once(10, "x");
    scheduler.advanceTo(10);

    assertThat(task.cancel()).isFalse();
    assertThat(task.isCancelled()).isFalse();
  }

  @Test
  void shouldStopARepeatingTaskWhenCancelled() {
    Cancellable ticking =
        scheduler.scheduleAtFixedRate(millis(10), millis(10), record("tick"), InlineExecutionContext.INSTANCE);
    scheduler.advanceTo(35);

    assertThat(ticking.cancel()).isTrue();
    scheduler.advanceTo(100);

    assertThat(ran).containsExactly("tick@10", "tick@20", "tick@30");
    assertThat(scheduler.nextDueMillis()).isEmpty();
  }

  @Test
  void shouldSkipCancelledTasksWhenReportingTheNextDueTime() {
    Cancellable first = once(10, "first");
    once(30, "second");

    first.cancel();

    assertThat(scheduler.nextDueMillis()).isEqualTo(OptionalLong.of(30));
    assertThat(scheduler.pendingTaskCount()).isEqualTo(1);
  }

  @Test
  void shouldCompactTheQueueWhenMostTasksAreCancelled() {
    List<Cancellable> tasks = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      tasks.add(once(1_000 + i, "t" + i));
    }
    tasks.subList(0, 9_000).forEach(Cancellable::cancel);

    assertThat(scheduler.pendingTaskCount()).isEqualTo(1_000);
    scheduler.advanceTo(20_000);
    assertThat(ran).hasSize(1_000).startsWith("t9000@10000");
  }

  @Test
  void shouldCarryOnWhenATaskThrows() {
    scheduler.scheduleOnce(
        millis(10),
        (Runnable)
            () -> {
              throw new IllegalStateException("boom");
            },
        InlineExecutionContext.INSTANCE);
    once(20, "after");

    scheduler.advanceTo(30);

    assertThat(ran).containsExactly("after@20");
    assertThat(scheduler.currentTimeMillis()).isEqualTo(30);
  }

  @Test
  void shouldStopRepeatingATaskThatThrows() {
    int[] runs = {0};
    Cancellable failing =
        scheduler.scheduleAtFixedRate(
            millis(10),
            millis(10),
            () -> {
              runs[0]++;
              throw new IllegalStateException("boom");
            },
            InlineExecutionContext.INSTANCE);

    scheduler.advanceTo(100);

    assertThat(runs[0]).isEqualTo(1);
    assertThat(failing.isCancelled()).isTrue();
  }

  @Test
  void shouldRefuseToMoveTimeBackwards() {
    scheduler.advanceTo(50);

    assertThatThrownBy(() -> scheduler.advanceTo(49)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRunOnlyTaskRunOnCloseTasksWhenClosed() {
    once(10, "ordinary");
    Scheduler.TaskRunOnClose onClose = () -> ran.add("on-close@" + scheduler.currentTimeMillis());
    scheduler.scheduleOnce(millis(1_000), onClose, InlineExecutionContext.INSTANCE);

    scheduler.close();

    assertThat(ran).containsExactly("on-close@0");
    assertThat(scheduler.nextDueMillis()).isEmpty();
  }

  @Test
  void shouldRejectTasksOnceClosed() {
    scheduler.close();

    assertThatThrownBy(() -> once(10, "late")).isInstanceOf(IllegalStateException.class);
  }

  private Cancellable once(long delayMillis, String label) {
    return scheduler.scheduleOnce(millis(delayMillis), record(label), InlineExecutionContext.INSTANCE);
  }

  private Runnable record(String label) {
    return () -> ran.add(label + "@" + scheduler.currentTimeMillis());
  }

  private static FiniteDuration millis(long millis) {
    return FiniteDuration.create(millis, "ms");
  }
}
