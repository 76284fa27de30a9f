package io.actorchain.node.pos;

import io.actorchain.node.net.CborSerializable;
import java.util.List;

/**
 * What the validators hosted on one node did last (for {@code GET /api/validators}): each one's last signed attestation
 * and proposal, how many it signed, and the fault swapped in, if any. Recorded by each ValidatorActor as it signs;
 * gathered only when asked. Crosses processes: any node of a cluster asks every other one.
 *
 * @param node the node hosting {@code validators}
 */
public record DutyReport(int node, List<Duties> validators) implements CborSerializable {
  public DutyReport {
    validators = List.copyOf(validators);
  }

  /**
   * One validator's last duties; the slots and target are null until it signed one. {@code fault} is the kind of the
   * fault behaviour swapped in (e.g. {@code offline}), or null while it is honest; {@code answered} is false when its
   * actor did not answer in time.
   */
  public record Duties(String name, Long lastAttestationSlot, Long lastAttestationTarget, Long lastProposalSlot,
      long attestations, long proposals, String fault, boolean answered) implements CborSerializable {

    /** A validator whose actor did not answer (or that has none yet, before proof of stake). */
    public static Duties unknown(String name, String fault) {
      return new Duties(name, null, null, null, 0, 0, fault, false);
    }
  }
}
