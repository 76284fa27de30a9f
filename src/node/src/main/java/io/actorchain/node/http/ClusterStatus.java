package io.actorchain.node.http;

import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.cluster.Membership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code GET /api/status?cluster=true}: one row per cluster member, with its node's own status when
 * its NodeGuardian answers within {@link #ASK_TIMEOUT}. The field names are the API's contract:
 * {@code node, address, httpPort, member, headHeight, headHash, peers}, then
 * {@code totalDifficulty, mempool, reorgs, blocks, malformedMessages}. Whatever a silent node would
 * have said is null.
 */
public final class ClusterStatus {
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);
  /** Member states whose node may still answer; the others are not asked. */
  static final Set<String> ASKED = Set.of("Joining", "WeaklyUp", "Up", "Leaving", "Exiting");

  private final ActorSystem<?> system;
  private final ActorRef<Membership.Command> membership;

  public ClusterStatus(ActorSystem<?> system, ActorRef<Membership.Command> membership) {
    this.system = system;
    this.membership = membership;
  }

  public CompletionStage<List<Map<String, Object>>> gather() {
    return AskPattern.<Membership.Command, Membership.View>ask(membership, Membership.GetView::new, ASK_TIMEOUT,
            system.scheduler())
        .thenCompose(view -> {
          List<CompletableFuture<Map<String, Object>>> rows = new ArrayList<>();
          for (Membership.MemberView m : view.members()) {
            rows.add(row(m));
          }
          return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Map<String, Object>> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.join()));
            return out;
          });
        });
  }

  private CompletableFuture<Map<String, Object>> row(Membership.MemberView m) {
    if (m.guardian() == null || !ASKED.contains(m.member())) {
      return CompletableFuture.completedFuture(toJson(m.node(), m.address(), m.member(), null));
    }
    return AskPattern.<NodeGuardian.Command, NodeStatus>ask(m.guardian(), NodeGuardian.GetStatus::new, ASK_TIMEOUT,
            system.scheduler())
        .handle((status, failure) -> toJson(m.node(), m.address(), m.member(), status))
        .toCompletableFuture();
  }

  /** One member's row; {@code status} is null when its node did not answer. */
  public static Map<String, Object> toJson(Integer node, String address, String member, NodeStatus status) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("node", status != null ? Integer.valueOf(status.node()) : node);
    row.put("address", address);
    row.put("httpPort", status == null || status.httpPort() == 0 ? null : status.httpPort());
    row.put("member", member);
    row.put("headHeight", status == null ? null : status.headHeight());
    row.put("headHash", status == null ? null : status.headHash());
    row.put("peers", status == null ? null : status.peers());
    row.put("slot", status == null ? null : status.slot());
    row.put("justified", status == null ? null : status.justified());
    row.put("finalized", status == null ? null : status.finalized());
    row.put("totalDifficulty", status == null ? null : status.totalDifficulty());
    row.put("mempool", status == null || status.mempool() < 0 ? null : status.mempool());
    row.put("reorgs", status == null ? null : status.reorgs());
    row.put("blocks", status == null ? null : status.blocks());
    row.put("malformedMessages", status == null ? null : status.malformedMessages());
    return row;
  }
}
