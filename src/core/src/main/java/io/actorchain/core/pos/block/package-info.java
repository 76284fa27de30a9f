/**
 * Block processing (CONSENSUS.md §5.4), attestation validity and participation flags, and the honest validator's
 * block and attestation production (§5.7). Every rejection is an enumerated reason with a detail: {@link
 * io.actorchain.core.pos.block.BlockRejection}, {@link io.actorchain.core.pos.block.AttestationRejection}.
 */
package io.actorchain.core.pos.block;
