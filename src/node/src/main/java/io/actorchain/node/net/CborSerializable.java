package io.actorchain.node.net;

/** Marker for every message that may cross a process boundary; bound to Jackson CBOR in reference.conf. */
public interface CborSerializable {}
