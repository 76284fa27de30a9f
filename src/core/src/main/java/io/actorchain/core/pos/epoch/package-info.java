/**
 * Slot and epoch processing (CONSENSUS.md §5.4 step 1 and §5.5) and the PoS genesis (§4): Ethereum's
 * {@code process_slots} and {@code process_epoch} (Altair and Bellatrix, with §1's constants), one public method per
 * step, plus the {@link io.actorchain.core.pos.epoch.EpochTransition} record that {@code epochs.jsonl} prints.
 */
package io.actorchain.core.pos.epoch;
