package io.actorchain.node;

/**
 * A {@code crash} fault injected into a node (ARCHITECTURE.md, "Faults"): its {@link NodeGuardian} stops with this, and
 * its whole tree with it, as if the process had been killed. Whoever runs the guardian decides what comes next: an
 * embedded network keeps the node's stores and starts it again from them when the crash is cleared; a cluster process
 * exits, and {@code scripts/cluster restart} starts it again from its data dir.
 */
public final class NodeCrash extends RuntimeException {
  public NodeCrash(String line) {
    super(line, null, false, false);
  }
}
