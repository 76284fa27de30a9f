package io.actorchain.node;

import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * What a {@link NodeGuardian} counts and last heard for its {@link NodeStatus} ({@code GET /api/status}), and the
 * answer to a {@link NodeGuardian.GetStatus} once the mempool has said its size. A plain helper the guardian owns; it
 * runs only on the guardian's turn.
 */
final class StatusBoard {
  static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);

  /** The mempool's size (-1 if it did not answer in time), for the status {@code replyTo} asked for. */
  record StatusReady(ActorRef<NodeStatus> replyTo, int mempool) implements NodeGuardian.Command, LocalOnly {}

  private final ActorContext<NodeGuardian.Command> ctx;
  private final NodeContext node;
  private final ActorRef<MempoolActor.Command> mempool;
  private final PeerLinks peers;
  private ChainEvent.PosHeadChanged posHead;
  private long reorgs;
  private long blocks;
  private long malformed;
  private int httpPort;

  StatusBoard(ActorContext<NodeGuardian.Command> ctx, NodeContext node, ActorRef<MempoolActor.Command> mempool,
      PeerLinks peers) {
    this.ctx = ctx;
    this.node = node;
    this.mempool = mempool;
    this.peers = peers;
  }

  void blockImported() {
    blocks++;
  }

  void reorged() {
    reorgs++;
  }

  void malformedMessage() {
    malformed++;
  }

  void posHeadChanged(ChainEvent.PosHeadChanged h) {
    posHead = h;
  }

  void httpBound(int port) {
    httpPort = port;
  }

  /** Asks the mempool its size; the status goes out on {@link StatusReady}. */
  void onGetStatus(NodeGuardian.GetStatus g) {
    ctx.ask(Integer.class, mempool, STATUS_TIMEOUT, MempoolActor.GetSize::new,
        (size, failure) -> new StatusReady(g.replyTo(), size == null ? -1 : size));
  }

  /** Answers with the PoS head once there is one, else with {@code head} (null: the genesis block). */
  void onStatusReady(StatusReady s, ChainEvent.HeadChanged head) {
    PowBlock h = head == null ? node.settings().genesisBlock() : head.head();
    String td = head == null ? "0" : head.totalDifficulty().toString();
    List<Integer> linked = peers.ids();
    if (posHead == null) {
      s.replyTo().tell(new NodeStatus(node.nodeId(), httpPort, h.height(), h.hash().toHex(), td, linked, s.mempool(),
          reorgs, blocks, malformed, null, null, null));
    } else {
      s.replyTo().tell(new NodeStatus(node.nodeId(), httpPort, posHead.slot(), posHead.root().toHex(), td, linked,
          s.mempool(), reorgs, blocks, malformed, posHead.slot(), view(posHead.justified()), view(posHead.finalized())));
    }
  }

  private static NodeStatus.CheckpointView view(Checkpoint c) {
    return new NodeStatus.CheckpointView(c.epoch(), c.root().toHex());
  }
}
