/**
 * The PoS helpers of CONSENSUS.md §5.1 and §5.4: seeds, the swap-or-not shuffle, committees, proposer selection, the
 * accessors (epochs, balances, base rewards, churn, block roots) and the two registry mutators ({@code initiateExit},
 * {@code slashValidator}). Pure functions of a {@code BeaconState} and a {@code ConsensusConfig}; integer arithmetic
 * only. Names follow Ethereum's consensus specs.
 */
package io.actorchain.core.pos.misc;
