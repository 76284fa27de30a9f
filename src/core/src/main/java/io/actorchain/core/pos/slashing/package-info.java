/**
 * Slashing conditions and evidence validity (CONSENSUS.md §5.2, §5.4 step 4), and the slasher that turns what it
 * sees into evidence (§6).
 */
package io.actorchain.core.pos.slashing;
