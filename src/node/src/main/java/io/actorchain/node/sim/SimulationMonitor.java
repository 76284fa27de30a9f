package io.actorchain.node.sim;

import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.Clock;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Watches the event stream of a PoW simulation: each node's head, mined blocks and reorgs; decides
 * when the stop condition holds; fires height-triggered actions; draws the progress bar. It runs
 * as a sink of the EventLog actor, so only the simulation's one thread ever touches it.
 */
final class SimulationMonitor implements Consumer<NodeEvent> {
  /** A node's head as last reported. */
  record Head(long height, String hash, String totalDifficulty) {}

  interface HeightTrigger {
    void reached(long height);
  }

  private final int nodes;
  private final long stopHeight;
  private final long graceMillis;
  private final Clock clock;
  private final Clock wallClock;
  private final PrintStream progress;
  private final HeightTrigger trigger;
  private final Map<Integer, Head> heads = new TreeMap<>();
  private final java.util.Set<Integer> down = new java.util.TreeSet<>();
  private long mined;
  private long reorgs;
  private long maxHeight;
  private long firstReachedAt = -1;
  private boolean stopReached;
  private long lastDrawnWall;
  private final long wallStart;

  SimulationMonitor(int nodes, long stopHeight, long graceMillis, Clock clock, Clock wallClock, PrintStream progress,
      HeightTrigger trigger) {
    this.nodes = nodes;
    this.stopHeight = stopHeight;
    this.graceMillis = graceMillis;
    this.clock = clock;
    this.wallClock = wallClock;
    this.progress = progress;
    this.trigger = trigger;
    this.wallStart = wallClock.nowMillis();
  }

  @Override
  public void accept(NodeEvent e) {
    switch (e.type()) {
      case "head_changed" -> onHead(e);
      case "pow_block_mined" -> mined++;
      case "reorg" -> reorgs++;
      case "node_crashed" -> down.add(e.node());
      case "node_restarted" -> down.remove(e.node());
      default -> { }
    }
  }

  private void onHead(NodeEvent e) {
    long height = ((Number) e.fields().get("height")).longValue();
    heads.put(e.node(), new Head(height, (String) e.fields().get("hash"), (String) e.fields().get("totalDifficulty")));
    if (height > maxHeight) {
      maxHeight = height;
      trigger.reached(height);
      draw(false);
    }
    if (stopHeight > 0 && height >= stopHeight && firstReachedAt < 0) {
      firstReachedAt = e.t();
    }
    if (stopHeight > 0 && allLiveReached()) {
      stopReached = true;
    }
  }

  /** SIMULATION.md, "Stop": every live node (a crashed one is not, until it restarts) has reached the stop height. */
  private boolean allLiveReached() {
    for (int n = 0; n < nodes; n++) {
      Head h = heads.get(n);
      if (!down.contains(n) && (h == null || h.height() < stopHeight)) {
        return false;
      }
    }
    return true;
  }

  /** True once every node reached the stop height, or the grace period after the first one did has passed. */
  boolean shouldStop() {
    return stopReached || (firstReachedAt >= 0 && clock.nowMillis() >= firstReachedAt + graceMillis);
  }

  void draw(boolean last) {
    if (progress == null) {
      return;
    }
    long wall = wallClock.nowMillis();
    if (!last && wall - lastDrawnWall < 200) {
      return;
    }
    lastDrawnWall = wall;
    double wallSeconds = Math.max(0.001, (wall - wallStart) / 1000.0);
    double speed = clock.nowMillis() / 1000.0 / wallSeconds;
    Head h = heads.get(0);
    progress.printf("\rheight %d/%d  head %s  virtual %.0fs  %.0fx real time%s", maxHeight, stopHeight,
        h == null ? "-" : h.hash().substring(0, 8), clock.nowMillis() / 1000.0, speed, last ? "\n" : "");
    progress.flush();
  }

  Map<Integer, Head> heads() {
    return heads;
  }

  long mined() {
    return mined;
  }

  long reorgs() {
    return reorgs;
  }

  long maxHeight() {
    return maxHeight;
  }
}
