package io.actorchain.node.pos;

import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Signs the votes of every validator in one ActorSystem (the validators of all the nodes of an embedded network, or of
 * one cluster process), in batches: the requests of one instant are signed together at its end, with one field
 * inversion per batch and the batch split over the machine's cores, and the answers go back in request order. The
 * signatures are Ed25519's, deterministic, so neither the batching nor the threads can change what anyone signs, and
 * the answers come at a fixed point: in virtual time, when the instant's other work is done (a timer due now), with
 * no virtual time passing. A validator checks and saves its slashing-protection record before it asks.
 */
public final class SigningDesk implements Extension {
  /** Batches smaller than this are signed on the desk's own thread only. */
  static final int MIN_PART = 8;

  public sealed interface Command extends LocalOnly {}

  /** Sign {@code request} and send {@code reply(signature)} to {@code replyTo}. */
  public record Sign<T>(SigningKey.Request request, ActorRef<T> replyTo, Function<Signature, T> reply)
      implements Command {
    void answer(Signature sig) {
      replyTo.tell(reply.apply(sig));
    }
  }

  private enum Flush implements Command { INSTANCE }

  private final ActorRef<Command> ref;

  private SigningDesk(ActorSystem<?> system) {
    this.ref = system.systemActorOf(Behaviors.supervise(Behaviors.setup(Desk::new)).onFailure(SupervisorStrategy.resume()),
        "signing-desk", Props.empty());
  }

  /** This ActorSystem's desk, started on first use. */
  public static ActorRef<Command> of(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system).ref;
  }

  /** The extension's id: one desk per ActorSystem. */
  public static final class Id extends ExtensionId<SigningDesk> {
    static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public SigningDesk createExtension(ActorSystem<?> system) {
      return new SigningDesk(system);
    }
  }

  /**
   * The signatures of {@code requests}, in order, split into up to one part per core (of at least {@link #MIN_PART}
   * each): the first part on the calling thread, the others on {@code helpers}.
   */
  static List<Signature> signInParallel(List<SigningKey.Request> requests, ExecutorService helpers, int cores) {
    int parts = Math.min(cores, requests.size() / MIN_PART);
    if (parts <= 1) {
      return SigningKey.signAll(requests);
    }
    int size = requests.size();
    List<CompletableFuture<List<Signature>>> others = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      List<SigningKey.Request> part = requests.subList(p * size / parts, (p + 1) * size / parts);
      others.add(CompletableFuture.supplyAsync(() -> SigningKey.signAll(part), helpers));
    }
    List<Signature> sigs = new ArrayList<>(size);
    sigs.addAll(SigningKey.signAll(requests.subList(0, size / parts)));
    for (CompletableFuture<List<Signature>> other : others) {
      sigs.addAll(other.join());
    }
    return sigs;
  }

  private static final class Desk extends AbstractBehavior<Command> {
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** One daemon thread per further core; stopped with the desk. */
    private final ExecutorService helpers;
    private List<Sign<?>> pending = new ArrayList<>();

    Desk(ActorContext<Command> ctx) {
      super(ctx);
      AtomicInteger made = new AtomicInteger();
      this.helpers = Executors.newFixedThreadPool(Math.max(1, cores - 1), r -> {
        Thread t = new Thread(r, ctx.getSystem().name() + "-signing-" + made.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Sign.class, this::onSign)
          .onMessageEquals(Flush.INSTANCE, this::onFlush)
          .onSignal(PostStop.class, stop -> {
            helpers.shutdownNow();
            return this;
          })
          .build();
    }

    private Behavior<Command> onSign(Sign<?> s) {
      if (pending.isEmpty()) {
        getContext().scheduleOnce(Duration.ZERO, getContext().getSelf(), Flush.INSTANCE);
      }
      pending.add(s);
      return this;
    }

    private Behavior<Command> onFlush() {
      List<Sign<?>> batch = pending;
      pending = new ArrayList<>();
      List<SigningKey.Request> requests = new ArrayList<>(batch.size());
      for (Sign<?> s : batch) {
        requests.add(s.request());
      }
      List<Signature> sigs = signInParallel(requests, helpers, cores);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer(sigs.get(i));
      }
      return this;
    }
  }
}
