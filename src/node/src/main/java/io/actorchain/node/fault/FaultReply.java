package io.actorchain.node.fault;

import io.actorchain.node.net.CborSerializable;

/** Whether a fault was injected (or cleared); {@code detail} says where, or why not, naming what is wrong. */
public record FaultReply(boolean accepted, String detail) implements CborSerializable {

  public static FaultReply accepted(String detail) {
    return new FaultReply(true, detail);
  }

  public static FaultReply refused(String detail) {
    return new FaultReply(false, detail);
  }
}
