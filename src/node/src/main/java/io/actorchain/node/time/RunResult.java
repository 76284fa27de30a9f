package io.actorchain.node.time;

import java.util.Objects;

/**
 * How a virtual-time run ended.
 *
 * @param outcome why the run stopped
 * @param virtualMillis the virtual clock when it stopped
 * @param timeSteps how many times the clock moved to a later millisecond during the run
 * @param tasksRun how many tasks the loop thread ran during the run (mailbox runs, mostly)
 */
public record RunResult(Outcome outcome, long virtualMillis, long timeSteps, long tasksRun) {

  /** Why a run stopped. */
  public enum Outcome {
    /** Nothing was due at or before the end time any more; the clock now reads the end time. */
    END_TIME_REACHED,
    /** The stop condition held at a quiescent point. */
    STOP_CONDITION_MET,
    /** {@link VirtualTime#requestStop()} was called. */
    STOP_REQUESTED,
    /** Nothing is scheduled at all; the clock reads the time of the last event. */
    NO_MORE_EVENTS,
    /** The ActorSystem terminated during the run. */
    SYSTEM_TERMINATED
  }

  public RunResult {
    Objects.requireNonNull(outcome, "outcome");
  }
}
