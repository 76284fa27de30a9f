package io.actorchain.node.store;

/**
 * A data dir that cannot be used: not writable, locked by another process, made for another genesis, or holding a
 * corrupt value. The message is one line that names the data dir (and the validator or block when there is one), so
 * the CLI prints it as it prints a {@code UserError}: no stack trace, exit code 2.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
