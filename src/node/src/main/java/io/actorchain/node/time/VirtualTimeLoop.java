package io.actorchain.node.time;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a virtual-time ActorSystem runs on: an event loop over a FIFO task queue that also
 * advances virtual time, so a time step costs no thread hand-off.
 *
 * <p>The loop repeatedly
 *
 * <ol>
 *   <li>runs every queued task, first in first out;
 *   <li>when the queue is empty, fires the timers due at the current virtual time (no time passes);
 *   <li>when that produces nothing either, the system is quiescent. With no run in progress the loop
 *       parks until a task arrives. During a run ({@link #submit(Run)}) it checks the stop request
 *       and the stop condition, then advances the {@link VirtualScheduler} to the next due time, or
 *       ends the run when nothing is due before the run's end time.
 * </ol>
 *
 * <p>Exceptions thrown by tasks are logged and the loop carries on. The loop exits after the
 * scheduler is closed (ActorSystem termination) and its queue has drained.
 */
final class VirtualTimeLoop {

  private static final Logger LOG = LoggerFactory.getLogger(VirtualTimeLoop.class);

  private final VirtualScheduler scheduler;
  private final String name;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a parked loop has something to do. */
  private final Condition workAvailable = lock.newCondition();
  /** Signalled when the loop parks, a run ends or the loop terminates. */
  private final Condition stateChanged = lock.newCondition();

  // Guarded by lock.
  private ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean parked;
  private boolean timerDueNow;
  private boolean closing;
  private boolean terminated;
  private Run run;

  // Loop thread only.
  private ArrayDeque<Runnable> spare = new ArrayDeque<>();
  private long tasksRun;
  private long timeSteps;

  private VirtualTimeLoop(VirtualScheduler scheduler, ThreadFactory threadFactory, String name) {
    this.scheduler = scheduler;
    this.name = name + "-virtual-time-loop";
    this.thread = threadFactory.newThread(this::runLoop);
    this.thread.setName(this.name);
  }

  static VirtualTimeLoop start(
      VirtualScheduler scheduler, ThreadFactory threadFactory, String name) {
    VirtualTimeLoop loop = new VirtualTimeLoop(scheduler, threadFactory, name);
    loop.thread.start();
    return loop;
  }

  String name() {
    return name;
  }

  boolean isLoopThread() {
    return Thread.currentThread() == thread;
  }

  boolean isTerminated() {
    lock.lock();
    try {
      return terminated;
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code task} behind everything already queued. Callable from any thread. */
  void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    lock.lock();
    try {
      if (terminated) {
        throw new RejectedExecutionException(name + " has terminated");
      }
      tasks.addLast(task);
      if (parked) {
        workAvailable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The scheduler got a task due now from another thread: make a parked loop fire it. */
  void onTimerDueNow() {
    if (isLoopThread()) {
      return; // the loop looks for due timers before it parks
    }
    lock.lock();
    try {
      timerDueNow = true;
      if (parked) {
        workAvailable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands {@code newRun} to the loop thread and waits for its result.
   *
   * @throws IllegalStateException if called on the loop thread, if a run is already in progress or
   *     if the loop has terminated
   */
  RunResult runAndWait(Run newRun) {
    requireCallerNotLoopThread("run virtual time");
    lock.lock();
    try {
      if (terminated || closing) {
        throw new IllegalStateException(name + ": the actor system has terminated");
      }
      if (run != null) {
        throw new IllegalStateException(name + ": a virtual-time run is already in progress");
      }
      run = newRun;
      if (parked) {
        workAvailable.signal();
      }
    } finally {
      lock.unlock();
    }
    return newRun.await();
  }

  /** Asks the current run, if any, to stop at the next quiescent point. Callable from any thread. */
  void requestStop() {
    lock.lock();
    try {
      if (run != null) {
        run.stopRequested = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until the loop has no work: its queue is empty, no timer is due now and no run is in
   * progress (or the loop has terminated). Does not advance time.
   */
  void awaitIdle() {
    requireCallerNotLoopThread("await idleness");
    lock.lock();
    try {
      while (!terminated && !(parked && tasks.isEmpty() && !timerDueNow && run == null)) {
        stateChanged.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name + " to go idle", e);
    } finally {
      lock.unlock();
    }
  }

  /** Lets the loop finish its queue and exit; a run in progress ends as terminated. */
  void shutdown() {
    lock.lock();
    try {
      closing = true;
      if (parked) {
        workAvailable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void runLoop() {
    try {
      boolean alive = true;
      while (alive) {
        ArrayDeque<Runnable> batch = takeBatch();
        if (batch != null) {
          runBatch(batch);
        } else if (scheduler.fireDue(scheduler.currentTimeMillis()) == 0) {
          alive = onQuiescent();
        }
      }
    } catch (VirtualMachineError fatal) {
      LOG.error("{} died of a fatal error", name, fatal);
      terminate(fatal);
      throw fatal;
    }
    terminate(null);
  }

  private ArrayDeque<Runnable> takeBatch() {
    lock.lock();
    try {
      if (tasks.isEmpty()) {
        return null;
      }
      ArrayDeque<Runnable> full = tasks;
      tasks = spare;
      spare = null;
      return full;
    } finally {
      lock.unlock();
    }
  }

  private void runBatch(ArrayDeque<Runnable> batch) {
    Runnable task;
    while ((task = batch.pollFirst()) != null) {
      tasksRun++;
      try {
        task.run();
      } catch (Throwable e) {
        rethrowIfFatal(e);
        LOG.error("Task {} failed on {}; the loop carries on", task, name, e);
      }
    }
    spare = batch;
  }

  /**
   * Called with an empty queue and no timer due now.
   *
   * @return false when the loop should exit
   */
  private boolean onQuiescent() {
    Run current;
    boolean closingNow;
    lock.lock();
    try {
      if (!tasks.isEmpty()) {
        return true;
      }
      if (timerDueNow) {
        timerDueNow = false;
        return true;
      }
      current = run;
      closingNow = closing;
      if (current == null) {
        if (closingNow) {
          terminated = true; // under the lock, so no task can slip in behind the last check
          stateChanged.signalAll();
          return false;
        }
        park();
        return true;
      }
    } finally {
      lock.unlock();
    }
    step(current, closingNow);
    return true;
  }

  /** Waits, holding the lock, until there is something to do. */
  private void park() {
    parked = true;
    stateChanged.signalAll();
    try {
      while (tasks.isEmpty() && run == null && !closing && !timerDueNow) {
        workAvailable.await();
      }
    } catch (InterruptedException e) {
      LOG.debug("{} interrupted while parked; carrying on", name);
    } finally {
      parked = false;
      timerDueNow = false;
    }
  }

  /** One quiescent point of a run: stop, or advance time to the next due task. */
  private void step(Run current, boolean closingNow) {
    if (!current.started) {
      current.started = true;
      current.timeStepsAtStart = timeSteps;
      current.tasksRunAtStart = tasksRun;
    }
    RunResult.Outcome outcome;
    try {
      outcome = decide(current, closingNow);
    } catch (RuntimeException e) {
      finish(current, null, e);
      return;
    }
    if (outcome != null) {
      finish(current, outcome, null);
    }
  }

  /** Advances time if the run goes on and returns null; otherwise returns why it stops. */
  private RunResult.Outcome decide(Run current, boolean closingNow) {
    if (closingNow) {
      return RunResult.Outcome.SYSTEM_TERMINATED;
    }
    if (current.stopRequested) {
      return RunResult.Outcome.STOP_REQUESTED;
    }
    if (current.stopCondition.getAsBoolean()) {
      return RunResult.Outcome.STOP_CONDITION_MET;
    }
    long now = scheduler.currentTimeMillis();
    OptionalLong next = scheduler.nextDueMillis();
    if (next.isPresent() && next.getAsLong() <= current.endMillis) {
      scheduler.advanceTo(Math.max(now, next.getAsLong()));
      timeSteps++;
      return null;
    }
    if (next.isEmpty() && !current.clockToEnd) {
      return RunResult.Outcome.NO_MORE_EVENTS;
    }
    scheduler.advanceTo(Math.max(now, current.endMillis));
    return RunResult.Outcome.END_TIME_REACHED;
  }

  private void finish(Run current, RunResult.Outcome outcome, Throwable failure) {
    lock.lock();
    try {
      if (run == current) {
        run = null;
      }
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
    complete(current, outcome, failure);
  }

  private void terminate(Throwable cause) {
    Run unfinished;
    lock.lock();
    try {
      terminated = true;
      unfinished = run;
      run = null;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
    if (unfinished != null) {
      complete(unfinished, RunResult.Outcome.SYSTEM_TERMINATED, cause);
    }
  }

  private void complete(Run finished, RunResult.Outcome outcome, Throwable failure) {
    if (failure != null) {
      finished.result.completeExceptionally(failure);
    } else {
      finished.result.complete(
          new RunResult(
              outcome,
              scheduler.currentTimeMillis(),
              timeSteps - finished.timeStepsAtStart,
              tasksRun - finished.tasksRunAtStart));
    }
  }

  /**
   * Rethrows errors the JVM may not survive, as Scala's {@code NonFatal} sees them: every
   * {@link VirtualMachineError} except {@link StackOverflowError}.
   */
  static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  private void requireCallerNotLoopThread(String action) {
    if (isLoopThread()) {
      throw new IllegalStateException(
          "Cannot " + action + " from " + name + " itself: it would wait for its own thread");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
