package io.actorchain.node.consensus;

/**
 * One miner hosted by a node: its name (its reward key is derived from it) and its hashrate in
 * hashes per second — drawn from in simulated mode, a cap in real mode (0 = uncapped).
 */
public record MinerSpec(String name, long hashrate) {}
