package io.actorchain.node.http;

import io.actorchain.node.NodeStatus;
import io.actorchain.node.cluster.Membership;
import io.actorchain.node.net.DroppedMessages;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /metrics}: the node's counters in the Prometheus text exposition format (version 0.0.4). */
public final class Metrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Metrics() {}

  /** {@code dropped}: the node's {@link DroppedMessages#counts()}. */
  public static String render(NodeStatus s, Membership.View view, Map<DroppedMessages.Reason, Long> dropped) {
    StringBuilder out = new StringBuilder();
    String node = "{node=\"" + s.node() + "\"}";
    metric(out, "actorchain_head_height", "gauge", "Height of the canonical head.", node, s.headHeight());
    metric(out, "actorchain_blocks_imported_total", "counter", "Blocks imported into the block tree.", node, s.blocks());
    metric(out, "actorchain_reorgs_total", "counter", "Reorganizations of the canonical chain.", node, s.reorgs());
    metric(out, "actorchain_mempool_transactions", "gauge", "Pending transactions in the mempool.", node,
        Math.max(0, s.mempool()));
    metric(out, "actorchain_malformed_messages_total", "counter", "Peer messages dropped as malformed.", node,
        s.malformedMessages());
    out.append("# HELP actorchain_dropped_peer_messages_total Peer messages dropped undecoded (truncated, oversized, "
        + "malformed).\n");
    out.append("# TYPE actorchain_dropped_peer_messages_total counter\n");
    dropped.forEach((reason, count) ->
        out.append("actorchain_dropped_peer_messages_total{node=\"").append(s.node()).append("\",reason=\"")
            .append(reason.label()).append("\"} ").append(count).append('\n'));
    metric(out, "actorchain_peers", "gauge", "Peers this node has a link to.", node, s.peers().size());
    if (view != null) {
      Map<String, Integer> byState = new TreeMap<>();
      view.members().forEach(m -> byState.merge(m.member(), 1, Integer::sum));
      out.append("# HELP actorchain_cluster_members Cluster members by state, as this node sees them.\n");
      out.append("# TYPE actorchain_cluster_members gauge\n");
      byState.forEach((state, count) ->
          out.append("actorchain_cluster_members{node=\"").append(s.node()).append("\",state=\"").append(state)
              .append("\"} ").append(count).append('\n'));
    }
    return out.toString();
  }

  private static void metric(StringBuilder out, String name, String type, String help, String labels, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(labels).append(' ').append(value).append('\n');
  }
}
