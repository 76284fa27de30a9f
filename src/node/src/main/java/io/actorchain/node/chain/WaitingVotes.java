package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.Attestation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Votes that arrived before a block they name (head or target), held until it comes, as Ethereum clients queue them;
 * at most {@code capacity} at once. Owned by the chain actor.
 */
final class WaitingVotes {
  record Vote(Attestation attestation, int fromNode) {}

  private final int capacity;
  private final Map<Hash32, List<Vote>> byMissingBlock = new TreeMap<>();
  private int held;

  WaitingVotes(int capacity) {
    this.capacity = capacity;
  }

  /** Holds {@code a} until block {@code missing} comes; false (nothing held) when full. */
  boolean hold(Hash32 missing, Attestation a, int fromNode) {
    if (held >= capacity) {
      return false;
    }
    byMissingBlock.computeIfAbsent(missing, k -> new ArrayList<>()).add(new Vote(a, fromNode));
    held++;
    return true;
  }

  /** The votes that waited for block {@code root}, which has come; they wait no longer. */
  List<Vote> release(Hash32 root) {
    List<Vote> votes = byMissingBlock.remove(root);
    if (votes == null) {
      return List.of();
    }
    held -= votes.size();
    return votes;
  }

  /** Lets go of the votes for slots before {@code oldestSlot}: their block never came in time to count. */
  void dropOlderThan(long oldestSlot) {
    byMissingBlock.values().forEach(votes -> votes.removeIf(v -> v.attestation().data().slot() < oldestSlot));
    byMissingBlock.values().removeIf(List::isEmpty);
    held = byMissingBlock.values().stream().mapToInt(List::size).sum();
  }
}
