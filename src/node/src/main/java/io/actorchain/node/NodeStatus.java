package io.actorchain.node;

import io.actorchain.node.net.CborSerializable;
import java.util.List;

/**
 * One node's own view, as served by {@code GET /api/status} and gathered across the cluster. After the merge,
 * {@code headHeight} and {@code headHash} are the PoS head's slot and root, and {@code slot}, {@code justified} and
 * {@code finalized} are set; before it they are null.
 */
public record NodeStatus(
    int node,
    int httpPort,
    long headHeight,
    String headHash,
    String totalDifficulty,
    List<Integer> peers,
    int mempool,
    long reorgs,
    long blocks,
    long malformedMessages,
    Long slot,
    CheckpointView justified,
    CheckpointView finalized) implements CborSerializable {

  /** A checkpoint as JSON shows it: {@code {epoch, root}}. */
  public record CheckpointView(long epoch, String root) implements CborSerializable {}
}
