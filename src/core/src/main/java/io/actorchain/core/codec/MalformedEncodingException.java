package io.actorchain.core.codec;

/** Thrown when bytes from a peer or a file are not a canonical encoding of the expected value. */
public final class MalformedEncodingException extends RuntimeException {
  public MalformedEncodingException(String message) {
    super(message);
  }
}
