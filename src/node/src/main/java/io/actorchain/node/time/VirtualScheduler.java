package io.actorchain.node.time;

import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.dispatch.MonitorableThreadFactory;
import org.apache.pekko.event.LoggingAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * A deterministic Pekko scheduler whose clock only moves when it is advanced.
 *
 * <p>Install it with {@code pekko.scheduler.implementation = io.actorchain.node.time.VirtualScheduler}
 * (see {@link VirtualTime#config()}). Time is in whole milliseconds since virtual start (0); delays
 * are rounded up to the next millisecond. Tasks wait in a priority queue ordered by (due time,
 * insertion sequence), so tasks due in the same millisecond run first-in first-out and runs are
 * reproducible. {@link #advanceTo(long)} hands each due task to its {@code ExecutionContext}, as
 * Pekko's own schedulers do; typed timers use the parasitic context, so their sends happen on the
 * advancing thread.
 *
 * <p>The scheduler owns the system's {@link VirtualTimeLoop}, the one thread every actor runs on. The
 * loop advances this scheduler itself whenever it runs out of work during a run; drive time through
 * {@link VirtualTime} rather than calling {@link #advanceTo(long)} from another thread.
 *
 * <p>Thread-safe: Pekko schedules from any thread (asks, for instance, schedule their timeout on the
 * caller's thread).
 */
public final class VirtualScheduler implements Scheduler, Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(VirtualScheduler.class);

  private static final Comparator<ScheduledTask> DUE_ORDER =
      (a, b) -> {
        int byDue = Long.compare(a.dueMillis, b.dueMillis);
        return byDue != 0 ? byDue : Long.compare(a.sequence, b.sequence);
      };

  /** Cancelled tasks are dropped lazily; the queue is compacted once they pass this many. */
  private static final int PURGE_THRESHOLD = 4096;

  private static final String SCHEDULER_SUFFIX = "-scheduler";

  private final ThreadFactory threadFactory;
  private final String name;

  private final Object lock = new Object();
  private final PriorityQueue<ScheduledTask> queue = new PriorityQueue<>(DUE_ORDER);
  private long nextSequence;
  private int cancelledInQueue;
  private boolean closed;
  private VirtualTimeLoop loop;
  /** Written under {@link #lock}; read anywhere. */
  private volatile long nowMillis;

  /**
   * The constructor Pekko calls reflectively when the scheduler is configured as
   * {@code pekko.scheduler.implementation}.
   *
   * @param config the system's configuration (unused)
   * @param log Pekko's logger (unused; this class logs through SLF4J)
   * @param threadFactory makes the thread of the system's {@link VirtualTimeLoop}
   */
  public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    this.name = systemNameOf(threadFactory);
  }

  /** The virtual scheduler of {@code system}, or an error if the system runs on real time. */
  public static VirtualScheduler of(ClassicActorSystemProvider system) {
    return find(system)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "ActorSystem ["
                        + system.classicSystem().name()
                        + "] does not run on virtual time: pekko.scheduler.implementation is not "
                        + VirtualScheduler.class.getName()
                        + " (start it with VirtualTime.config())"));
  }

  /** The virtual scheduler of {@code system}, if it has one. */
  public static Optional<VirtualScheduler> find(ClassicActorSystemProvider system) {
    Scheduler scheduler = system.classicSystem().scheduler();
    return scheduler instanceof VirtualScheduler virtual ? Optional.of(virtual) : Optional.empty();
  }

  /** Milliseconds since virtual start. */
  public long currentTimeMillis() {
    return nowMillis;
  }

  /** When the earliest task that has not been cancelled is due, if there is one. */
  public OptionalLong nextDueMillis() {
    synchronized (lock) {
      ScheduledTask head = liveHeadLocked();
      return head == null ? OptionalLong.empty() : OptionalLong.of(head.dueMillis);
    }
  }

  /** How many tasks are waiting, not counting cancelled ones. */
  public int pendingTaskCount() {
    synchronized (lock) {
      return queue.size() - cancelledInQueue;
    }
  }

  /**
   * Runs every task due at or before {@code targetMillis} in (due time, sequence) order, setting the
   * clock to each task's due time as it runs, then sets the clock to {@code targetMillis}.
   *
   * <p>Each task is handed to its {@code ExecutionContext}; tasks that context runs elsewhere may
   * still be running when this returns. A task that throws is logged and skipped.
   *
   * @throws IllegalArgumentException if {@code targetMillis} is before the current time
   */
  public void advanceTo(long targetMillis) {
    if (targetMillis < nowMillis) {
      throw new IllegalArgumentException(
          "Cannot move virtual time back from " + nowMillis + " ms to " + targetMillis + " ms");
    }
    fireDue(targetMillis);
  }

  /**
   * Runs the tasks due at or before {@code targetMillis} and moves the clock there (never back).
   *
   * @return how many tasks were handed to their execution contexts
   */
  int fireDue(long targetMillis) {
    int fired = 0;
    while (true) {
      ScheduledTask task;
      long dueMillis;
      synchronized (lock) {
        task = pollDueLocked(targetMillis);
        if (task == null) {
          if (targetMillis > nowMillis) {
            nowMillis = targetMillis;
          }
          return fired;
        }
        dueMillis = task.dueMillis;
        nowMillis = Math.max(nowMillis, dueMillis);
        if (task.isRepeating()) {
          task.dueMillis = saturatedAdd(task.dueMillis, task.intervalMillis);
          task.sequence = nextSequence++;
          enqueueLocked(task);
        } else {
          task.state = ScheduledTask.State.FIRED;
        }
      }
      fired++;
      dispatch(task, dueMillis);
    }
  }

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
    return schedule(toMillis(delay), 0, runnable, executor);
  }

  /** Fixed rate. In virtual time a run takes no time, so fixed rate and fixed delay coincide. */
  @Override
  @SuppressWarnings("deprecation")
  public Cancellable schedule(
      FiniteDuration initialDelay,
      FiniteDuration interval,
      Runnable runnable,
      ExecutionContext executor) {
    return schedule(toMillis(initialDelay), positiveInterval(interval), runnable, executor);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(
      FiniteDuration initialDelay,
      FiniteDuration delay,
      Runnable runnable,
      ExecutionContext executor) {
    return schedule(toMillis(initialDelay), positiveInterval(delay), runnable, executor);
  }

  /** Virtual time has millisecond resolution. */
  @Override
  public double maxFrequency() {
    return 1000.0;
  }

  /**
   * Stops accepting tasks, runs the pending {@link Scheduler.TaskRunOnClose} tasks (Pekko's dispatcher
   * shutdowns) as Pekko requires, drops the rest and lets the loop thread finish its queue and exit.
   * Pekko calls this when the ActorSystem terminates.
   */
  @Override
  public void close() {
    List<ScheduledTask> runOnClose = new ArrayList<>();
    VirtualTimeLoop ownLoop;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      ScheduledTask task;
      while ((task = queue.poll()) != null) {
        task.inQueue = false;
        if (task.state == ScheduledTask.State.SCHEDULED
            && task.runnable instanceof Scheduler.TaskRunOnClose) {
          task.state = ScheduledTask.State.FIRED;
          runOnClose.add(task);
        }
      }
      cancelledInQueue = 0;
      ownLoop = loop;
    }
    runOnClose.forEach(task -> dispatch(task, task.dueMillis));
    if (ownLoop != null) {
      ownLoop.shutdown();
    }
  }

  /** The single event-loop thread of this scheduler's ActorSystem, started on first use. */
  VirtualTimeLoop loop() {
    synchronized (lock) {
      if (loop == null) {
        if (closed) {
          throw new IllegalStateException("Virtual scheduler of [" + name + "] is closed");
        }
        loop = VirtualTimeLoop.start(this, threadFactory, name);
      }
      return loop;
    }
  }

  /** The ActorSystem name, as far as the thread factory tells it. */
  String name() {
    return name;
  }

  boolean cancel(ScheduledTask task) {
    synchronized (lock) {
      if (task.state != ScheduledTask.State.SCHEDULED) {
        return false;
      }
      task.state = ScheduledTask.State.CANCELLED;
      if (task.inQueue) {
        cancelledInQueue++;
        purgeIfMostlyCancelledLocked();
      }
      return true;
    }
  }

  boolean isCancelled(ScheduledTask task) {
    synchronized (lock) {
      return task.state == ScheduledTask.State.CANCELLED;
    }
  }

  private Cancellable schedule(
      long delayMillis, long intervalMillis, Runnable runnable, ExecutionContext executor) {
    Objects.requireNonNull(runnable, "runnable");
    Objects.requireNonNull(executor, "executor");
    ScheduledTask task;
    VirtualTimeLoop toWake;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("Virtual scheduler of [" + name + "] is closed");
      }
      long due = saturatedAdd(nowMillis, delayMillis);
      task = new ScheduledTask(this, runnable, executor, due, intervalMillis, nextSequence++);
      enqueueLocked(task);
      toWake = delayMillis == 0 ? loop : null;
    }
    if (toWake != null) {
      toWake.onTimerDueNow();
    }
    return task;
  }

  private void enqueueLocked(ScheduledTask task) {
    task.inQueue = true;
    queue.add(task);
  }

  private ScheduledTask liveHeadLocked() {
    ScheduledTask head;
    while ((head = queue.peek()) != null && head.state == ScheduledTask.State.CANCELLED) {
      queue.poll();
      head.inQueue = false;
      cancelledInQueue--;
    }
    return head;
  }

  private ScheduledTask pollDueLocked(long targetMillis) {
    ScheduledTask head = liveHeadLocked();
    if (head == null || head.dueMillis > targetMillis) {
      return null;
    }
    queue.poll();
    head.inQueue = false;
    return head;
  }

  private void purgeIfMostlyCancelledLocked() {
    if (cancelledInQueue > PURGE_THRESHOLD && cancelledInQueue > queue.size() / 2) {
      queue.removeIf(
          task -> {
            boolean cancelled = task.state == ScheduledTask.State.CANCELLED;
            if (cancelled) {
              task.inQueue = false;
            }
            return cancelled;
          });
      cancelledInQueue = 0;
    }
  }

  private void dispatch(ScheduledTask task, long dueMillis) {
    try {
      task.executor.execute(task.body);
    } catch (Throwable e) {
      VirtualTimeLoop.rethrowIfFatal(e);
      LOG.error(
          "Task {} due at {} ms failed in [{}]; virtual time carries on",
          task.runnable,
          dueMillis,
          name,
          e);
    }
  }

  /** Rounds up to whole milliseconds; negative delays count as zero. */
  static long toMillis(FiniteDuration duration) {
    long nanos = duration.toNanos();
    if (nanos <= 0) {
      return 0;
    }
    long millis = nanos / 1_000_000;
    return nanos % 1_000_000 == 0 ? millis : millis + 1;
  }

  private static long positiveInterval(FiniteDuration interval) {
    long millis = toMillis(interval);
    if (millis <= 0) {
      throw new IllegalArgumentException("Repeat interval must be positive, was " + interval);
    }
    return millis;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static String systemNameOf(ThreadFactory threadFactory) {
    if (threadFactory instanceof MonitorableThreadFactory monitorable) {
      String factoryName = monitorable.name();
      return factoryName.endsWith(SCHEDULER_SUFFIX)
          ? factoryName.substring(0, factoryName.length() - SCHEDULER_SUFFIX.length())
          : factoryName;
    }
    return "standalone";
  }

  @Override
  public String toString() {
    return "VirtualScheduler[" + name + " at " + nowMillis + " ms]";
  }
}
