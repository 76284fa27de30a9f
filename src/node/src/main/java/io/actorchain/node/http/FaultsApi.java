package io.actorchain.node.http;

import io.actorchain.node.FaultDesk;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.config.ChainSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * {@code /api/faults} (ARCHITECTURE.md, "Faults"): {@code POST} injects a fault wherever it belongs in the cluster,
 * {@code DELETE} clears it, {@code GET} lists the faults held on this node. The node's {@link FaultDesk} routes; this
 * only parses and answers:
 * <ul>
 *   <li>200 {@code {"accepted": true, "detail", "acceptedBy": [node ids], "faults": [...], "untilMillis",
 *       "answers": [{"node", "outcome", "detail"}]}};
 *   <li>400 for a bad body or an unknown validator or node, 404 when no node has the validator or the fault to clear,
 *       409 when the node concerned refuses it, 503 when a node concerned does not answer: each
 *       {@code {"error", "kind", "accepted": false, "answers"}}.
 * </ul>
 */
final class FaultsApi {
  /** Longer than the route's own wait for the nodes, so that the route always answers first. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private final ActorSystem<?> system;
  private final ClusterNode.Parts parts;
  private final List<String> genesisValidators;

  FaultsApi(ActorSystem<?> system, ClusterNode.Parts parts, ChainSettings settings) {
    this.system = system;
    this.parts = parts;
    List<String> names = new ArrayList<>();
    settings.validators().forEach(v -> names.add(v.name()));
    this.genesisValidators = List.copyOf(names);
  }

  CompletionStage<HttpResponse> inject(String body) {
    FaultRequest request;
    try {
      request = FaultRequest.forInjection(body, genesisValidators);
    } catch (BadRequest e) {
      return CompletableFuture.completedFuture(ApiJson.error(StatusCodes.BAD_REQUEST, "bad-request", e.getMessage()));
    }
    return route(request, true);
  }

  CompletionStage<HttpResponse> clear(String body, List<Map.Entry<String, String>> query) {
    FaultRequest request;
    try {
      request = FaultRequest.forClear(body, query, genesisValidators);
    } catch (BadRequest e) {
      return CompletableFuture.completedFuture(ApiJson.error(StatusCodes.BAD_REQUEST, "bad-request", e.getMessage()));
    }
    return route(request, false);
  }

  /** 200 {@code {"node": id, "faults": [{kind, validator | node | groups | …, detail, since, until}]}}. */
  CompletionStage<HttpResponse> active() {
    return AskPattern.<io.actorchain.node.NodeGuardian.Command, FaultDesk.ActiveFaults>ask(parts.guardian(),
            FaultDesk.GetActive::new, NodeApi.ASK_TIMEOUT, system.scheduler())
        .thenApply(a -> {
          List<Map<String, Object>> faults = new ArrayList<>();
          for (FaultDesk.ActiveFault f : a.faults()) {
            Map<String, Object> row = FaultJson.of(f.fault());
            row.put("since", f.sinceMillis());
            row.put("until", f.untilMillis());
            faults.add(row);
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("node", a.node());
          body.put("faults", faults);
          return ApiJson.ok(body);
        })
        .exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<HttpResponse> route(FaultRequest request, boolean inject) {
    return AskPattern.<io.actorchain.node.NodeGuardian.Command, FaultDesk.RouteAnswer>ask(parts.guardian(),
            replyTo -> new FaultDesk.Route(request.faults(), inject, request.untilMillis(), replyTo), ASK_TIMEOUT,
            system.scheduler())
        .thenApply(answer -> answered(request, inject, answer))
        .exceptionally(NodeApi::unavailable);
  }

  private static HttpResponse answered(FaultRequest request, boolean inject, FaultDesk.RouteAnswer answer) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Map<String, Object>> answers = new ArrayList<>();
    for (FaultDesk.NodeAnswer a : answer.answers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node", a.node());
      row.put("outcome", a.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      row.put("detail", a.detail());
      answers.add(row);
    }
    if (answer.verdict() != FaultDesk.Verdict.ACCEPTED) {
      body.put("error", answer.detail());
      body.put("kind", answer.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      body.put("accepted", false);
      body.put("answers", answers);
      return ApiJson.response(status(answer.verdict()), body);
    }
    body.put("accepted", true);
    body.put("detail", answer.detail());
    body.put("acceptedBy", answer.acceptedBy());
    List<Map<String, Object>> faults = new ArrayList<>();
    request.faults().forEach(f -> faults.add(inject ? FaultJson.of(f) : FaultJson.named(f)));
    body.put("faults", faults);
    body.put("untilMillis", request.untilMillis());
    body.put("answers", answers);
    return ApiJson.ok(body);
  }

  private static StatusCode status(FaultDesk.Verdict verdict) {
    return switch (verdict) {
      case ACCEPTED -> StatusCodes.OK;
      case BAD_REQUEST -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case REFUSED -> StatusCodes.CONFLICT;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
    };
  }
}
