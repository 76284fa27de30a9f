package io.actorchain.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.actorchain.node.config.SettingsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads cluster.hocon (ARCHITECTURE.md, "Layout") and applies the {@code node} command's flags on
 * top of it. cluster.hocon is not a {@code .conf} file, so it is parsed explicitly and then layered
 * over {@code ConfigFactory.load()} (application.conf and every reference.conf).
 */
public final class NodeConfig {
  public static final String SYSTEM_NAME = "actorchain";

  /** A seed node or any other {@code host:port}. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }

    public String pekkoAddress() {
      return "pekko://" + SYSTEM_NAME + "@" + host + ":" + port;
    }
  }

  private NodeConfig() {}

  /** The seed nodes of {@code pekko.cluster.seed-nodes} as {@code host:port}. */
  public static List<HostPort> seedNodes(Config config) {
    String key = "pekko.cluster.seed-nodes";
    List<HostPort> out = new ArrayList<>();
    if (!config.hasPath(key)) {
      return out;
    }
    for (String s : config.getStringList(key)) {
      int at = s.lastIndexOf('@');
      String hostPort = at < 0 ? s : s.substring(at + 1);
      out.add(parseHostPort(key, hostPort));
    }
    return out;
  }

  /** {@code host:port} with a port in 1..65535; errors name {@code what} (a flag or a key). */
  public static HostPort parseHostPort(String what, String text) {
    String t = text == null ? "" : text.trim();
    if (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new SettingsException(what, "must be HOST:PORT such as 127.0.0.1:25521, got '" + text + "'");
    }
    String host = t.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new SettingsException(what, "the port must be a number, got '" + text + "'");
    }
    if (port < 1 || port > 65535) {
      throw new SettingsException(what, "the port must be in 1..65535, got " + port);
    }
    return new HostPort(host, port);
  }

  /** {@code base} with this node's Artery address, seed nodes and HTTP port. */
  public static Config forNode(Config base, String hostname, int arteryPort, List<HostPort> seeds, int httpPort) {
    List<String> seedAddresses = new ArrayList<>();
    for (HostPort s : seeds) {
      seedAddresses.add(s.pekkoAddress());
    }
    return base
        .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(hostname))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(arteryPort))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedAddresses))
        .withValue("actorchain.node.http-port", ConfigValueFactory.fromAnyRef(httpPort));
  }
}
