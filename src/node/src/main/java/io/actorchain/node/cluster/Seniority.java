package io.actorchain.node.cluster;

import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Which of two cluster members joined first, by the up-number the leader gave each when it became Up. Both ends of a
 * link compute the same answer from converged membership, so on a genesis mismatch exactly one of them, the younger,
 * stops: a misconfigured process that joins a healthy cluster does not take it down.
 */
public final class Seniority {
  /** Members whose up-number is set; a Joining or WeaklyUp member has none yet. */
  private static final Set<MemberStatus> NUMBERED = Set.of(MemberStatus.up(), MemberStatus.leaving(), MemberStatus.exiting());

  public enum Verdict { SELF_OLDER, PEER_OLDER, UNDECIDED }

  private Seniority() {}

  /** UNDECIDED when the system is not a cluster member, or either member has no up-number yet. */
  public static Verdict of(ActorSystem<?> system, Address peer) {
    if (!(((ExtendedActorSystem) Adapter.toClassic(system)).provider() instanceof ClusterActorRefProvider)) {
      return Verdict.UNDECIDED;
    }
    Cluster cluster = Cluster.get(system);
    Member self = cluster.selfMember();
    Member other = null;
    for (Member m : cluster.state().getMembers()) {
      if (m.address().equals(peer)) {
        other = m;
      }
    }
    if (other == null || !NUMBERED.contains(self.status()) || !NUMBERED.contains(other.status())) {
      return Verdict.UNDECIDED;
    }
    return self.isOlderThan(other) ? Verdict.SELF_OLDER : Verdict.PEER_OLDER;
  }
}
