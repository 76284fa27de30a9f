/** Proof of work: headers, hashing, targets, retargeting, block validity and heaviest-chain choice (CONSENSUS.md §3). */
package io.actorchain.core.pow;
