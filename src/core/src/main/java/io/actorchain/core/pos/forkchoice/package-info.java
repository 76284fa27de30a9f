/** The fork-choice store: LMD-GHOST over the justified checkpoint with proposer boost (CONSENSUS.md §5.6). */
package io.actorchain.core.pos.forkchoice;
