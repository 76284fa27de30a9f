package io.actorchain.node.http;

import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Fault} as the API shows it: the field names of a scenario's fault entry (SIMULATION.md), durations in ms. */
final class FaultJson {
  private FaultJson() {}

  /** Only what names the fault (kind, and validator or node): a clear's fault, whose other values are not given. */
  static Map<String, Object> named(Fault fault) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", fault.kind());
    if (fault instanceof Fault.ValidatorFault v) {
      out.put("validator", v.validator());
    } else if (fault instanceof Fault.NodeFault n) {
      out.put("node", n.node());
    }
    return out;
  }

  static Map<String, Object> of(Fault fault) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", fault.kind());
    if (fault instanceof Fault.ValidatorFault v) {
      out.put("validator", v.validator());
      if (v instanceof Fault.Late l) {
        out.put("delay", l.delayMillis() + "ms");
      }
    } else if (fault instanceof Fault.NodeFault n) {
      out.put("node", n.node());
      if (n instanceof Fault.PrivateChain p && p.release() != null) {
        out.put("release", p.release().toString());
      }
    } else if (fault instanceof Fault.Partition p) {
      out.put("groups", p.groups());
    } else if (fault instanceof Fault.Link l && l.fault() instanceof LinkFault.Latency lat) {
      out.put("mean", lat.meanMillis() + "ms");
      out.put("jitter", lat.jitterMillis() + "ms");
    } else if (fault instanceof Fault.Link l && l.fault() instanceof LinkFault.Loss loss) {
      out.put("probability", loss.probability());
    }
    out.put("detail", fault.describe());
    return out;
  }
}
