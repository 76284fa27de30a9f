package io.actorchain.node.pos;

import io.actorchain.core.pos.model.AttestationData;

/**
 * What one {@link ValidatorActor} signed last, kept by that actor (and the fault behaviours swapped into it) as it
 * signs: three numbers and two counters on the hot path, read only when someone asks ({@link DutyReport}).
 */
final class LastDuties {
  private long attestationSlot = -1;
  private long attestationTarget = -1;
  private long proposalSlot = -1;
  private long attestations;
  private long proposals;

  void attested(AttestationData data) {
    attestationSlot = data.slot();
    attestationTarget = data.target().epoch();
    attestations++;
  }

  void proposed(long slot) {
    proposalSlot = slot;
    proposals++;
  }

  DutyReport.Duties report(String name, String fault) {
    return new DutyReport.Duties(name, attestationSlot < 0 ? null : attestationSlot,
        attestationSlot < 0 ? null : attestationTarget, proposalSlot < 0 ? null : proposalSlot, attestations, proposals,
        fault, true);
  }
}
