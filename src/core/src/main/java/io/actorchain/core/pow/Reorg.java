package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;

/**
 * A head change that abandons blocks of the old canonical chain. The abandoned blocks stay in the tree:
 * {@code tree.ancestors(oldHead, depth)} lists them, for example to return their transactions to the mempool.
 *
 * @param depth the number of blocks removed from the old canonical chain ({@code oldHeight − ancestor's height})
 */
public record Reorg(Hash32 oldHead, Hash32 newHead, Hash32 commonAncestor, int depth, long oldHeight, long newHeight) {}
