package io.actorchain.node.fault;

import io.actorchain.core.codec.Hash32;
import io.actorchain.node.net.LocalOnly;
import io.actorchain.node.net.Wire;

/**
 * Flood {@code payload} (dedupe id {@code id}) to every peer of the node, whatever the node's own chain thinks of it.
 * Only fault behaviours get the ref this goes to: a conflicting vote or a surround vote is refused by the local chain,
 * and a withheld block is not announced by it, yet peers (and their slashers) must see them.
 */
public record Publish(Wire payload, Hash32 id) implements LocalOnly {}
