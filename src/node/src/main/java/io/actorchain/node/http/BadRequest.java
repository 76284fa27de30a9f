package io.actorchain.node.http;

/** A request the API cannot act on (bad JSON, unknown field, bad amount): answered 400 with this message. */
public final class BadRequest extends RuntimeException {
  public BadRequest(String message) {
    super(message);
  }
}
