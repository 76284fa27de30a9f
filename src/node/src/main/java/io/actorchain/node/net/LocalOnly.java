package io.actorchain.node.net;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Marker for messages that never leave their node's JVM (they carry live core objects or actor
 * internals). Everything that crosses a process is {@link CborSerializable}; everything else says
 * so with this marker, so that {@code serialize-messages = on} in tests catches a message that is neither.
 */
public interface LocalOnly extends NoSerializationVerificationNeeded {}
