package io.actorchain.node.sim;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@code simulate} run: the exit code (0 all expectations held, 1 one failed), the summary.json
 * content, the failures, and the run-to-run figures that never go into summary.json.
 */
public record SimulationResult(int exitCode, Map<String, Object> summary, List<String> failures, double virtualSeconds,
    double wallSeconds, long attestationsProcessed) {}
