package io.actorchain.node.view;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.Units;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.tx.Transfer;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.ChainActor;
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
 * filling and blocks carrying transactions. Each sender's nonce is tracked here; a rejected nonce
 * re-synced from the head state every few seconds, so a transaction lost to a reorg cannot stall its sender.
 */
public final class TxLoadActor {
  private TxLoadActor() {}

  public sealed interface Command extends LocalOnly {}

  private enum Tick implements Command { INSTANCE }

  private enum Resync implements Command { INSTANCE }

  private record Head(ChainActor.HeadInfo info) implements Command {}

  public static Behavior<Command> create(ChainSettings settings, List<ActorRef<NodeGuardian.Command>> nodes,
      ActorRef<ChainActor.Command> chain, double perSecond, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      List<SigningKey> keys = new ArrayList<>();
      settings.accounts().forEach(a -> keys.add(settings.key(a.name())));
      long[] nonces = new long[keys.size()];
      SplittableRandom random = new SplittableRandom(seed);
      ActorRef<ChainActor.HeadInfo> heads = ctx.messageAdapter(ChainActor.HeadInfo.class, Head::new);
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
            chain.tell(new ChainActor.GetHead(heads));
            return Behaviors.same();
          })
          .onMessage(Head.class, h -> {
            int limit = settings.mempool().maxPerSender() / 2;
            for (int i = 0; i < keys.size(); i++) {
              long onChain = h.info().current().next().state().accounts().get(keys.get(i).address()).nonce();
              if (nonces[i] > onChain + limit) {
                nonces[i] = onChain; // a transaction was lost (reorg or eviction): start the sequence again
              }
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
