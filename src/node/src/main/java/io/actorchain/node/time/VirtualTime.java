package io.actorchain.node.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * Configures and drives an ActorSystem that runs on virtual time.
 *
 * <pre>{@code
 * ActorSystem<Command> system = ActorSystem.create(
 *     Simulation.create(scenario), "sim", VirtualTime.config().withFallback(ConfigFactory.load()));
 * VirtualTime time = VirtualTime.of(system);
 * time.awaitIdle();                                 // let the system boot; the clock stays at 0
 * RunResult result = time.runUntil(3_600_000, () -> done.get());
 * }</pre>
 *
 * <p>Every actor of such a system runs on one thread, the loop, and the clock only moves when that
 * thread has nothing else to do. The driving methods block the calling thread, so they must not be
 * called from an actor; {@link #requestStop()} and {@link #clock()} may be.
 */
public final class VirtualTime {

  private static final Config CONFIG =
      ConfigFactory.parseString(
          String.join(
              "\n",
              "pekko {",
              "  scheduler.implementation = \"" + VirtualScheduler.class.getName() + "\"",
              "  actor {",
              "    provider = local",
              "    default-dispatcher {",
              "      executor = \"" + VirtualTimeExecutorConfigurator.class.getName() + "\"",
              "      throughput-deadline-time = 0ms",
              "    }",
              "    internal-dispatcher {",
              "      executor = \"" + VirtualTimeExecutorConfigurator.class.getName() + "\"",
              "      throughput-deadline-time = 0ms",
              "    }",
              "  }",
              "}"),
          ConfigParseOptions.defaults().setOriginDescription("VirtualTime.config()"));

  private static final List<String> LOOP_DISPATCHER_EXECUTOR_KEYS =
      List.of(
          "pekko.actor.default-dispatcher.executor", "pekko.actor.internal-dispatcher.executor");

  private final VirtualScheduler scheduler;
  private final VirtualClock clock;

  private VirtualTime(VirtualScheduler scheduler) {
    this.scheduler = scheduler;
    this.clock = new VirtualClock(scheduler);
  }

  /**
   * The configuration a virtual-time ActorSystem needs, to be layered over the application's:
   * {@code VirtualTime.config().withFallback(ConfigFactory.load())}. It installs
   * {@link VirtualScheduler}, puts {@code pekko.actor.default-dispatcher} and
   * {@code pekko.actor.internal-dispatcher} on the single loop thread
   * ({@link VirtualTimeExecutorConfigurator}), switches off throughput deadlines (they read
   * {@code System.nanoTime}) and keeps the local actor-ref provider (remoting has threads of its own).
   */
  public static Config config() {
    return CONFIG;
  }

  /**
   * The driver of {@code system}, a typed or classic ActorSystem started with {@link #config()}.
   *
   * @throws IllegalStateException if the system does not run on virtual time
   */
  public static VirtualTime of(ClassicActorSystemProvider system) {
    VirtualScheduler scheduler = VirtualScheduler.of(system);
    requireLoopDispatchers(system.classicSystem().settings().config());
    return new VirtualTime(scheduler);
  }

  /** The system's virtual clock. Readable from any thread, actors included. */
  public Clock clock() {
    return clock;
  }

  /** Milliseconds since virtual start. */
  public long nowMillis() {
    return scheduler.currentTimeMillis();
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** Whether the caller is the system's loop thread, i.e. an actor of this system. */
  public boolean isLoopThread() {
    return scheduler.loop().isLoopThread();
  }

  /**
   * Blocks until the loop has nothing to do: no queued task, no timer due at the current virtual
   * time and no run in progress. Never advances time, so it is the way to let a system boot or to
   * let it digest messages sent from the calling thread.
   */
  public void awaitIdle() {
    scheduler.loop().awaitIdle();
  }

  /** Same as {@code advanceTo(nowMillis() + duration)}. */
  public void advanceBy(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Cannot advance virtual time by " + duration);
    }
    advanceTo(VirtualScheduler.saturatedAdd(nowMillis(), duration.toMillis()));
  }

  /**
   * Advances the clock to {@code targetMillis}, running everything due on the way in virtual-time
   * order and letting the actors finish each millisecond's work before the clock moves on. Returns
   * with the system quiescent and the clock reading {@code targetMillis}, unless
   * {@link #requestStop()} cut the advance short or the system terminated.
   */
  public void advanceTo(long targetMillis) {
    requireNotPast(targetMillis);
    scheduler.loop().runAndWait(new Run(targetMillis, () -> false, true));
  }

  /**
   * Lets the loop thread advance virtual time by itself, as fast as it can, and blocks until it
   * stops. The run stops, with the system quiescent, at the first of:
   *
   * <ul>
   *   <li>{@code stopCondition} is true: {@link RunResult.Outcome#STOP_CONDITION_MET};
   *   <li>{@link #requestStop()} was called: {@link RunResult.Outcome#STOP_REQUESTED};
   *   <li>nothing is due at or before {@code endVirtualMillis}: the clock is set to
   *       {@code endVirtualMillis}, {@link RunResult.Outcome#END_TIME_REACHED};
   *   <li>nothing is scheduled at all: the clock stays at the last event,
   *       {@link RunResult.Outcome#NO_MORE_EVENTS};
   *   <li>the ActorSystem terminates: {@link RunResult.Outcome#SYSTEM_TERMINATED}.
   * </ul>
   *
   * <p>{@code stopCondition} is evaluated on the loop thread, at every quiescent point: when all the
   * work of the current virtual millisecond is done and before the clock moves (and once at the
   * start). Since every actor of the system runs on that same thread, the condition may read state
   * that actors publish (a field, a counter) without further synchronisation, and it sees the system
   * between messages, never in the middle of one. It must be quick and must not block. If it throws,
   * the run ends and {@code runUntil} rethrows.
   *
   * @throws IllegalArgumentException if {@code endVirtualMillis} is before the current time
   * @throws IllegalStateException if called from an actor of this system, while another run is in
   *     progress or after the system terminated
   */
  public RunResult runUntil(long endVirtualMillis, BooleanSupplier stopCondition) {
    requireNotPast(endVirtualMillis);
    return scheduler.loop().runAndWait(new Run(endVirtualMillis, stopCondition, false));
  }

  /** {@link #runUntil(long, BooleanSupplier)} with no stop condition. */
  public RunResult runUntil(long endVirtualMillis) {
    return runUntil(endVirtualMillis, () -> false);
  }

  /**
   * Ends the current run (or {@link #advanceTo}) at its next quiescent point, with
   * {@link RunResult.Outcome#STOP_REQUESTED}. Callable from any thread, including an actor of this
   * system; does nothing when no run is in progress.
   */
  public void requestStop() {
    scheduler.loop().requestStop();
  }

  /** Time could move while a dispatcher on another thread is still busy: refuse such a system. */
  private static void requireLoopDispatchers(Config systemConfig) {
    String loopExecutor = VirtualTimeExecutorConfigurator.class.getName();
    for (String key : LOOP_DISPATCHER_EXECUTOR_KEYS) {
      String executor = systemConfig.getString(key);
      if (!executor.equals(loopExecutor)) {
        throw new IllegalStateException(
            key + " is [" + executor + "] but virtual time needs [" + loopExecutor
                + "] (start the system with VirtualTime.config())");
      }
    }
  }

  private void requireNotPast(long targetMillis) {
    long now = nowMillis();
    if (targetMillis < now) {
      throw new IllegalArgumentException(
          "Virtual time is already at " + now + " ms, cannot run until " + targetMillis + " ms");
    }
  }

  @Override
  public String toString() {
    return "VirtualTime[" + scheduler.name() + " at " + nowMillis() + " ms]";
  }
}
