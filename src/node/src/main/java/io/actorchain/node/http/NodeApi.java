package io.actorchain.node.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterList;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.actorchain.core.Units;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.mempool.AddResult;
import io.actorchain.core.state.Account;
import io.actorchain.core.tx.Transfer;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.cluster.EventBuffer;
import io.actorchain.node.cluster.Membership;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.DroppedMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The HTTP API of one cluster node (ARCHITECTURE.md, "Interfaces"): {@code GET /api/status}
 * ({@code ?cluster=true} for every member), {@code POST /api/tx}, {@code POST /api/merge},
 * {@code GET /api/account/NAME|0xADDR}, {@code GET /api/validators}, {@code GET|POST|DELETE /api/faults},
 * {@code GET /api/events} (server-sent events) and {@code GET /metrics}. It only routes: every answer
 * comes from the node's actors.
 */
public final class NodeApi {
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  static final int EVENT_STREAM_BUFFER = 1024;
  static final ContentType PROMETHEUS = ContentTypes.parse(Metrics.CONTENT_TYPE);

  private final ActorSystem<?> system;
  private final ClusterNode.Parts parts;
  private final ChainSettings settings;
  private final ClusterStatus clusterStatus;
  private final FaultsApi faults;
  private final ValidatorsView validators;

  public NodeApi(ActorSystem<?> system, ClusterNode.Parts parts, ChainSettings settings) {
    this.system = system;
    this.parts = parts;
    this.settings = settings;
    this.clusterStatus = new ClusterStatus(system, parts.membership());
    this.faults = new FaultsApi(system, parts, settings);
    this.validators = new ValidatorsView(system, parts, settings);
  }

  /** Binds the API; the binding unbinds in CoordinatedShutdown's service-unbind phase. */
  public CompletionStage<ServerBinding> bind(String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route())
        .thenApply(b -> b.addToCoordinatedShutdown(Duration.ofSeconds(3), system));
  }

  public Route route() {
    return concat(
        pathPrefix("api", () -> concat(
            path("status", () -> get(() -> parameterOptional("cluster", cluster ->
                completeWithFuture(cluster.map("true"::equals).orElse(false) ? clusterStatus() : ownStatus())))),
            path("tx", () -> post(() -> entity(Unmarshaller.entityToString(), body ->
                completeWithFuture(submitTx(body))))),
            path("merge", () -> post(() -> entity(Unmarshaller.entityToString(), body ->
                completeWithFuture(scheduleMerge(body))))),
            path(segment("account").slash(segment()), who -> get(() -> completeWithFuture(account(who)))),
            path("validators", () -> get(() -> completeWithFuture(validators.render()))),
            path("faults", () -> concat(
                get(() -> completeWithFuture(faults.active())),
                post(() -> entity(Unmarshaller.entityToString(), body -> completeWithFuture(faults.inject(body)))),
                delete(() -> parameterList(query -> entity(Unmarshaller.entityToString(), body ->
                    completeWithFuture(faults.clear(body, query))))))),
            path("events", () -> get(() -> completeOK(events(), EventStreamMarshalling.toEventStream()))))),
        path("metrics", () -> get(() -> completeWithFuture(metrics()))));
  }

  private CompletionStage<NodeStatus> status() {
    return AskPattern.ask(parts.guardian(), NodeGuardian.GetStatus::new, ASK_TIMEOUT, system.scheduler());
  }

  private CompletionStage<HttpResponse> ownStatus() {
    Member self = Cluster.get(system).selfMember();
    return status()
        .thenApply(s -> ApiJson.ok(ClusterStatus.toJson(s.node(), Membership.hostPort(self.address()),
            self.status().toString(), s)))
        .exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<HttpResponse> clusterStatus() {
    return clusterStatus.gather().thenApply(ApiJson::ok).exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<HttpResponse> metrics() {
    CompletableFuture<NodeStatus> s = status().toCompletableFuture();
    CompletableFuture<Membership.View> v = AskPattern.<Membership.Command, Membership.View>ask(parts.membership(),
        Membership.GetView::new, ASK_TIMEOUT, system.scheduler()).toCompletableFuture();
    return s.<Membership.View, HttpResponse>thenCombine(v, (status, view) -> HttpResponse.create()
            .withEntity(PROMETHEUS, Metrics.render(status, view,
                DroppedMessages.get(system).counts()).getBytes(StandardCharsets.UTF_8)))
        .exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<ChainActor.HeadInfo> head() {
    return AskPattern.<NodeGuardian.Command, NodeGuardian.Parts>ask(parts.guardian(), NodeGuardian.GetParts::new,
            ASK_TIMEOUT, system.scheduler())
        .thenCompose(p -> AskPattern.ask(p.chain(), ChainActor.GetHead::new, ASK_TIMEOUT, system.scheduler()));
  }

  /** The sender's account in the state a new block on the current head would start from. */
  private CompletionStage<Account> accountAtHead(Address address) {
    return head().thenApply(h -> h.current().next().state().account(address));
  }

  private CompletionStage<HttpResponse> account(String who) {
    Address address;
    try {
      TxRequest.checkRecipient(who);
      address = who.startsWith("0x") ? Address.fromHex(who) : settings.key(who).address();
    } catch (BadRequest e) {
      return CompletableFuture.completedFuture(ApiJson.error(StatusCodes.BAD_REQUEST, "bad-request", e.getMessage()));
    }
    return head().thenApply(h -> {
      Account a = h.current().next().state().account(address);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("address", "0x" + address.toHex());
      body.put("balance", Units.formatCoins(a.balance()));
      body.put("balanceGwei", a.balance());
      body.put("nonce", a.nonce());
      body.put("headHeight", h.head().height());
      body.put("headHash", h.head().hash().toHex());
      return ApiJson.ok(body);
    }).exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<HttpResponse> submitTx(String body) {
    TxRequest request;
    try {
      request = TxRequest.parse(body);
    } catch (BadRequest e) {
      return CompletableFuture.completedFuture(ApiJson.error(StatusCodes.BAD_REQUEST, "bad-request", e.getMessage()));
    }
    CompletionStage<Long> nonce = request.nonce() != null
        ? CompletableFuture.completedFuture(request.nonce())
        : accountAtHead(request.fromAddress(settings)).thenApply(Account::nonce);
    return nonce
        .thenCompose(n -> {
          Transfer tx = request.sign(settings, n);
          return AskPattern.<NodeGuardian.Command, MempoolActor.SubmitResult>ask(parts.guardian(),
              replyTo -> new NodeGuardian.SubmitTx(tx, replyTo), ASK_TIMEOUT, system.scheduler());
        })
        .thenApply(NodeApi::submitted)
        .exceptionally(NodeApi::unavailable);
  }

  /** 202 {@code {"atHeight": H}} once this node has scheduled it and forwarded it to its peers; 409 naming why not. */
  private CompletionStage<HttpResponse> scheduleMerge(String body) {
    MergeRequest request;
    try {
      request = MergeRequest.parse(body);
    } catch (BadRequest e) {
      return CompletableFuture.completedFuture(ApiJson.error(StatusCodes.BAD_REQUEST, "bad-request", e.getMessage()));
    }
    return AskPattern.<NodeGuardian.Command, NodeGuardian.MergeReply>ask(parts.guardian(),
            replyTo -> new NodeGuardian.ScheduleMerge(request.atHeight(), false, replyTo), ASK_TIMEOUT, system.scheduler())
        .thenApply(r -> r.accepted()
            ? ApiJson.response(StatusCodes.ACCEPTED, Map.of(MergeRequest.FIELD, r.atHeight()))
            : ApiJson.error(StatusCodes.CONFLICT, "conflict", r.reason()))
        .exceptionally(NodeApi::unavailable);
  }

  private static HttpResponse submitted(MempoolActor.SubmitResult r) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (r.result() instanceof AddResult.Rejected rejected) {
      body.put("error", "rejected: " + rejected.rejection().describe());
      body.put("kind", "rejected");
      body.put("reason", rejected.rejection().kind().name());
      body.put("id", r.tx().id().toHex());
      return ApiJson.response(StatusCodes.BAD_REQUEST, body);
    }
    body.put("id", r.tx().id().toHex());
    body.put("result", r.result() instanceof AddResult.Replaced ? "replaced" : "accepted");
    if (r.tx() instanceof Transfer t) {
      body.put("from", "0x" + t.fromAddress().toHex());
      body.put("to", "0x" + t.to().toHex());
      body.put("amount", Units.formatCoins(t.amount()));
      body.put("nonce", t.nonce());
    }
    return ApiJson.response(StatusCodes.ACCEPTED, body);
  }

  static HttpResponse unavailable(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return ApiJson.error(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", "the node did not answer: " + cause);
  }

  /** The kept events, then live ones, as server-sent events of type {@code event.type()}. */
  private Source<ServerSentEvent, NotUsed> events() {
    Source<NodeEvent, org.apache.pekko.actor.ActorRef> stream = Source.actorRef(
        msg -> Optional.empty(), msg -> Optional.empty(), EVENT_STREAM_BUFFER, OverflowStrategy.dropHead());
    return stream
        .mapMaterializedValue(ref -> {
          parts.events().tell(new EventBuffer.Subscribe(Adapter.toTyped(ref)));
          return NotUsed.getInstance();
        })
        .map(e -> ServerSentEvent.create(eventJson(e), e.type()))
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat);
  }

  /** {@code {"t": ms, "node": n, "type": "...", ...fields}}: the shape of events.jsonl (SIMULATION.md). */
  static String eventJson(NodeEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", e.t());
    m.put("node", e.node());
    m.put("type", e.type());
    e.fields().forEach(m::putIfAbsent);
    return ApiJson.write(m);
  }
}
