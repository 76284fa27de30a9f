package io.actorchain.node.time;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * Runs a Pekko dispatcher on the ActorSystem's single {@link VirtualTimeLoop} thread.
 *
 * <p>Configure a dispatcher with {@code executor = "io.actorchain.node.time.VirtualTimeExecutorConfigurator"}.
 * Every dispatcher so configured in one ActorSystem shares the same thread: the loop is owned by the
 * system's {@link VirtualScheduler}, which is found through the dispatcher prerequisites. There is no
 * global registry, so any number of virtual systems can live in one JVM, one after the other or at
 * the same time.
 */
public final class VirtualTimeExecutorConfigurator extends ExecutorServiceConfigurator {

  private final DispatcherPrerequisites prerequisites;

  public VirtualTimeExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.prerequisites = prerequisites;
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    Scheduler scheduler = prerequisites.scheduler();
    if (!(scheduler instanceof VirtualScheduler virtual)) {
      throw new IllegalStateException(
          "Dispatcher ["
              + id
              + "] uses "
              + VirtualTimeExecutorConfigurator.class.getName()
              + ", which needs pekko.scheduler.implementation = "
              + VirtualScheduler.class.getName()
              + " but the scheduler is "
              + scheduler.getClass().getName());
    }
    return () -> new LoopExecutorService(virtual.loop(), id);
  }
}
