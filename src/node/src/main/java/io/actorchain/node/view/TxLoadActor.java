package io.actorchain.node.view;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.Units;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.tx.Transfer;
import io.actorchain.node.NodeGuardian;
import io.actorchain.core.state.Accounts;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.ChainSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A steady trickle of signed transfers between the genesis accounts, so that `run` shows mempools
 * filling and blocks carrying transactions. Each sender's nonce is tracked here and re-synced every few seconds
 * from the head state (the PoW head's, or after the merge the PoS head's), so that a transaction lost to a reorg, an
 * eviction or the merge (the PoW blocks past the terminal block are dropped) cannot stall its sender for long.
 */
public final class TxLoadActor {
  private TxLoadActor() {}

  public sealed interface Command extends LocalOnly {}

  private enum Tick implements Command { INSTANCE }

  private enum Resync implements Command { INSTANCE }

  private record Head(ChainActor.HeadInfo info) implements Command {}

  private record PosHead(PosCommand.PosStatus status) implements Command {}

  private record ChainNews(ChainEvent event) implements Command {}

  public static Behavior<Command> create(ChainSettings settings, List<ActorRef<NodeGuardian.Command>> nodes,
      ActorRef<ChainActor.Command> chain, double perSecond, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      List<SigningKey> keys = new ArrayList<>();
      settings.accounts().forEach(a -> keys.add(settings.key(a.name())));
      long[] nonces = new long[keys.size()];
      Resyncs resyncs = new Resyncs(keys.size(), settings.mempool().maxPerSender() / 2);
      SplittableRandom random = new SplittableRandom(seed);
      ActorRef<ChainActor.HeadInfo> heads = ctx.messageAdapter(ChainActor.HeadInfo.class, Head::new);
      ActorRef<PosCommand.PosStatus> posHeads = ctx.messageAdapter(PosCommand.PosStatus.class, PosHead::new);
      chain.tell(new ChainActor.Subscribe(ctx.messageAdapter(ChainEvent.class, ChainNews::new), true));
      boolean[] merged = {false};
      if (keys.size() >= 2 && perSecond > 0) {
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(Math.max(1, Math.round(1000 / perSecond))));
        timers.startTimerWithFixedDelay(Resync.INSTANCE, Duration.ofSeconds(5));
      }
      int[] turn = {0};
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            int from = turn[0] % keys.size();
            int to = (from + 1 + random.nextInt(keys.size() - 1)) % keys.size();
            Transfer tx = Transfer.sign(keys.get(from), keys.get(to).address(), Units.GWEI_PER_COIN,
                1_000, 1 + random.nextInt(10), nonces[from]++);
            nodes.get(turn[0] % nodes.size()).tell(new NodeGuardian.SubmitTx(tx, ctx.getSystem().ignoreRef()));
            turn[0]++;
            return Behaviors.same();
          })
          .onMessageEquals(Resync.INSTANCE, () -> {
            if (merged[0]) {
              chain.tell(new PosCommand.GetPosStatus(posHeads));
            } else {
              chain.tell(new ChainActor.GetHead(heads));
            }
            return Behaviors.same();
          })
          .onMessage(ChainNews.class, n -> {
            merged[0] |= n.event() instanceof ChainEvent.Merged || n.event() instanceof ChainEvent.PosHeadChanged;
            return Behaviors.same();
          })
          .onMessage(Head.class, h -> resync(resyncs, keys, nonces, h.info().current().next().state().accounts()))
          .onMessage(PosHead.class, h -> resync(resyncs, keys, nonces, h.status().headState().accounts()))
          .build();
    }));
  }

  /**
   * What the last re-syncs saw: each sender's on-chain nonce, and for how many re-syncs in a row it has not moved;
   * {@code ahead} is how far a sender may run ahead of the chain (half the mempool's per-sender limit).
   */
  private static final class Resyncs {
    final long[] onChain;
    final int[] stalled;
    final int ahead;

    Resyncs(int senders, int ahead) {
      this.onChain = new long[senders];
      this.stalled = new int[senders];
      this.ahead = ahead;
    }
  }

  /** Re-syncs after this many in a row (5 s apart) in which a sender had transactions out and none landed. */
  static final int STALLED_RESYNCS = 2;

  private static Behavior<Command> resync(Resyncs r, List<SigningKey> keys, long[] nonces, Accounts head) {
    for (int i = 0; i < keys.size(); i++) {
      long onChain = head.get(keys.get(i).address()).nonce();
      boolean pending = nonces[i] > onChain;
      r.stalled[i] = pending && onChain == r.onChain[i] ? r.stalled[i] + 1 : 0;
      r.onChain[i] = onChain;
      if (nonces[i] < onChain || nonces[i] > onChain + r.ahead || r.stalled[i] >= STALLED_RESYNCS) {
        nonces[i] = onChain; // behind the chain, too far ahead, or a lost transaction left a gap the rest wait behind
        r.stalled[i] = 0;
      }
    }
    return Behaviors.same();
  }
}
