package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;

/**
 * Slashing evidence (CONSENSUS.md §5.2): a proposer slashing or an attester slashing. Each names one offender; its
 * {@link #root()} identifies it on gossip.
 */
public sealed interface SlashingEvidence extends Canonical permits ProposerSlashing, AttesterSlashing {
  /** The validator the evidence accuses: the first header's proposer, or the first attestation's validator. */
  long offender();
}
