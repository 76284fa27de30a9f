/**
 * Conformance with Ethereum's phase0 epoch-processing vectors (CONSENSUS.md §8): an SSZ decoder for the phase0
 * {@code BeaconState} ({@link io.actorchain.core.conformance.SszReader}, {@link io.actorchain.core.conformance.Phase0State}),
 * its mapping onto ActorChain's state ({@link io.actorchain.core.conformance.Phase0Mapping}), and the runner that applies
 * one step of core's epoch processing and compares the result ({@link io.actorchain.core.conformance.ConformanceRunner}).
 * Pure: the caller reads the files and undoes their Snappy compression.
 */
package io.actorchain.core.conformance;
