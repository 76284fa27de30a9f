package io.actorchain.node;

import io.actorchain.node.net.CborSerializable;
import java.util.List;

/** One node's own view, as served by {@code GET /api/status} and gathered across the cluster. */
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
    long malformedMessages) implements CborSerializable {}
