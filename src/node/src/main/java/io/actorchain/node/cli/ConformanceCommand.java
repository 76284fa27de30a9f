package io.actorchain.node.cli;

import io.actorchain.node.conformance.CaseOutcome;
import io.actorchain.node.conformance.ConformanceSuite;
import io.actorchain.node.conformance.SuiteException;
import io.actorchain.node.conformance.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code actorchain conformance DIR}: runs Ethereum's phase0 epoch-processing vectors through core (CONSENSUS.md §8).
 * One line per case, then {@code N passed, M failed}; exit 0 only when every case passed and at least one ran.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Checks core's epoch processing against Ethereum's phase0 test vectors "
        + "(DIR/phase0/<preset>/epoch_processing/<step>/pyspec_tests/<case>/).")
public final class ConformanceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The vector directory, e.g. ../shared/conformance.")
  Path dir;

  @Option(names = "--preset", defaultValue = "all", paramLabel = "PRESET",
      description = "minimal, mainnet or all (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--verbose", description = "Also print each case's pre-state, time and every difference.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SuiteReport report;
    try {
      List<String> presets = ConformanceSuite.presets(preset);
      report = ConformanceSuite.run(dir, presets, o -> print(out, o));
    } catch (SuiteException e) {
      throw new UserError(e.getMessage());
    }
    out.println(report.summary());
    out.flush();
    return report.succeeded() ? 0 : 1;
  }

  private void print(PrintWriter out, CaseOutcome o) {
    out.println(o.line());
    if (verbose) {
      out.println("    " + (o.summary().isEmpty() ? "not decoded" : o.summary()) + "; " + o.millis() + " ms");
      o.details().forEach(d -> out.println("    " + d));
    }
    out.flush();
  }
}
