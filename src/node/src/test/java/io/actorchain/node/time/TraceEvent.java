package io.actorchain.node.time;

/** One line of an event trace recorded by a test actor. */
record TraceEvent(long virtualMillis, String actor, String message) {}
