package io.actorchain.node.cli;

import io.actorchain.node.cluster.NodeConfig;
import io.actorchain.node.cluster.NodeConfig.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of one node's HTTP API for the {@code status}, {@code tx}, {@code merge} and {@code inject} commands. */
final class ApiClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  record Reply(int status, String body) {}

  private final HostPort node;
  private final HttpClient http;

  private ApiClient(HostPort node) {
    this.node = node;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** {@code --node HOST:PORT}: the node's HTTP address. */
  static ApiClient forNode(String flagValue) {
    return new ApiClient(NodeConfig.parseHostPort("--node", flagValue));
  }

  Reply get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  Reply postJson(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build());
  }

  Reply deleteJson(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://" + node.host() + ":" + node.port() + pathAndQuery);
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.body());
    } catch (HttpConnectTimeoutException e) {
      throw new UserError("cannot reach node at " + node + ": no connection within " + PortErrors.describe(CONNECT_TIMEOUT));
    } catch (HttpTimeoutException e) {
      throw new UserError("node at " + node + " did not answer within " + PortErrors.describe(REQUEST_TIMEOUT));
    } catch (ConnectException e) {
      throw new UserError("cannot reach node at " + node + ": connection refused (is it running? its HTTP port is the one in"
          + " 'node N up: ... http ...')");
    } catch (IOException e) {
      throw new UserError("cannot reach node at " + node + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while talking to node at " + node);
    }
  }
}
