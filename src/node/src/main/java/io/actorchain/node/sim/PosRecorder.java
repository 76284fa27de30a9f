package io.actorchain.node.sim;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches every node's head events in a PoS or merge simulation: writes epochs.jsonl, remembers each node's head
 * and every checkpoint it finalized, learns the PoS genesis time, and draws the progress bar. Touched only on the
 * simulation's one thread.
 */
final class PosRecorder {
  record Head(String root, long slot, Checkpoint justified, Checkpoint finalized) {}

  private final Writer epochs;
  private final List<String> names;
  private final boolean trace;
  private final Clock clock;
  private final Clock wall;
  private final PrintStream progress;
  private final long totalSlots;
  private final long wallStart;
  private final Map<Integer, Head> heads = new TreeMap<>();
  private final Map<Integer, Map<Long, String>> finalizedByNode = new TreeMap<>();
  private long genesisMillis = -1;
  private final ConsensusConfig config;
  private long lastDrawn;

  PosRecorder(Writer epochs, List<String> names, boolean trace, Clock clock, Clock wall, PrintStream progress,
      long totalSlots, ConsensusConfig config) {
    this.epochs = epochs;
    this.names = names;
    this.trace = trace;
    this.clock = clock;
    this.wall = wall;
    this.progress = progress;
    this.totalSlots = totalSlots;
    this.config = config;
    this.wallStart = wall.nowMillis();
  }

  void onEvent(int node, ChainEvent e) {
    if (e instanceof ChainEvent.Merged m && genesisMillis < 0) {
      genesisMillis = m.genesisTimeSeconds() * 1000;
    } else if (e instanceof ChainEvent.PosHeadChanged h) {
      heads.put(node, new Head(h.root().toHex(), h.slot(), h.justified(), h.finalized()));
      if (node == 0) {
        draw(false);
      }
    } else if (e instanceof ChainEvent.EpochTransitioned t) {
      finalizedByNode.computeIfAbsent(node, k -> new TreeMap<>())
          .put(t.transition().finalized().epoch(), t.transition().finalized().root().toHex());
      try {
        epochs.write(EpochsWriter.line(node, t.transition(), t.headSlot(), t.headRoot().toHex(), names, trace));
        epochs.write('\n');
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  boolean merged() {
    return genesisMillis >= 0;
  }

  long genesisMillis() {
    return genesisMillis;
  }

  Map<Integer, Head> heads() {
    return heads;
  }

  Map<Integer, Map<Long, String>> finalizedByNode() {
    return finalizedByNode;
  }

  void draw(boolean last) {
    if (progress == null) {
      return;
    }
    long now = wall.nowMillis();
    if (!last && now - lastDrawn < 200) {
      return;
    }
    lastDrawn = now;
    Head h = heads.get(0);
    double wallSeconds = Math.max(0.001, (now - wallStart) / 1000.0);
    long slot = genesisMillis < 0 ? 0 : config.slotAt(genesisMillis, clock.nowMillis());
    progress.printf("\rslot %d/%d  head %s  finalized %s  %.0f slots/s%s", slot, totalSlots,
        h == null ? "-" : h.root().substring(0, 8), h == null ? "-" : h.finalized().epoch(), slot / wallSeconds,
        last ? "\n" : "");
    progress.flush();
  }
}
