package io.actorchain.node.conformance;

/** The vector directory is missing or is not a phase0 conformance tree; the message is one line for the user. */
public final class SuiteException extends RuntimeException {
  public SuiteException(String message) {
    super(message);
  }
}
