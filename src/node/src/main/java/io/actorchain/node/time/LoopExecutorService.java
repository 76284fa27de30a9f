package io.actorchain.node.time;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ExecutorService} a Pekko dispatcher sees: a view of the system's {@link VirtualTimeLoop}.
 *
 * <p>Pekko shuts a dispatcher's executor down when the dispatcher has had no actors for its
 * {@code shutdown-timeout}, and makes a fresh one when it is needed again. The loop belongs to the
 * whole ActorSystem, so shutting this view down only marks the view; the loop itself stops when the
 * system terminates and the scheduler is closed. Tasks given to a shut-down view still run, which
 * covers Pekko's documented race between a dispatcher shutdown and a late task.
 */
final class LoopExecutorService extends AbstractExecutorService {

  private final VirtualTimeLoop loop;
  private final String dispatcherId;
  private volatile boolean shutdown;

  LoopExecutorService(VirtualTimeLoop loop, String dispatcherId) {
    this.loop = loop;
    this.dispatcherId = dispatcherId;
  }

  @Override
  public void execute(Runnable command) {
    loop.execute(command);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown || loop.isTerminated();
  }

  @Override
  public boolean isTerminated() {
    return isShutdown();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  @Override
  public String toString() {
    return "LoopExecutorService[" + dispatcherId + " on " + loop.name() + "]";
  }
}
