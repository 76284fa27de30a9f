package io.actorchain.node.time;

import scala.concurrent.ExecutionContext;

/** Runs tasks on the calling thread and lets their exceptions propagate. */
final class InlineExecutionContext implements ExecutionContext {

  static final InlineExecutionContext INSTANCE = new InlineExecutionContext();

  @Override
  public void execute(Runnable runnable) {
    runnable.run();
  }

  @Override
  public void reportFailure(Throwable cause) {
    throw new AssertionError("unexpected failure report", cause);
  }
}
