package io.actorchain.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.actorchain.node.cluster.NodeConfig.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <data-dir>/node.json}: who runs in this data directory and where it listens. Written when
 * the node starts, next to its stores ({@code chain/} and {@code protection/}, see {@code NodeStores}).
 */
final class NodeInfo {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NodeInfo() {}

  static void write(Path dir, int nodeId, String arteryHost, int arteryPort, String httpHost, int httpPort,
      List<HostPort> seeds) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("id", nodeId);
    info.put("artery", arteryHost + ":" + arteryPort);
    info.put("arteryPort", arteryPort);
    info.put("http", "http://" + httpHost + ":" + httpPort);
    info.put("httpPort", httpPort);
    List<String> seedList = new ArrayList<>();
    seeds.forEach(s -> seedList.add(s.toString()));
    info.put("seedNodes", seedList);
    info.put("consensus", "pow");
    info.put("pid", ProcessHandle.current().pid());
    Path file = dir.resolve("node.json");
    try {
      MAPPER.writeValue(file.toFile(), info);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e.getMessage());
    }
  }
}
