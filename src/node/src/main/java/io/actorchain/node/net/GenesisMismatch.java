package io.actorchain.node.net;

/**
 * A peer built a different genesis (ARCHITECTURE.md, "Shared genesis"): fatal to the younger of the two nodes. The
 * message is the one line the {@code node} command prints before it exits with code 2.
 */
public final class GenesisMismatch extends RuntimeException {
  public GenesisMismatch(String line) {
    super(line, null, false, false);
  }
}
