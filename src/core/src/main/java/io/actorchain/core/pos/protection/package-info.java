/** Slashing protection for a validator's own signatures, EIP-3076's minimal form (CONSENSUS.md §5.7). */
package io.actorchain.core.pos.protection;
