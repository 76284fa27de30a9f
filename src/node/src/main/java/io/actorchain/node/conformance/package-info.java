/**
 * Runs Ethereum's phase0 epoch-processing vectors through core (CONSENSUS.md §8): walks the vector tree, undoes the
 * Snappy block compression, and hands each case to {@link io.actorchain.core.conformance.ConformanceRunner}.
 */
package io.actorchain.node.conformance;
