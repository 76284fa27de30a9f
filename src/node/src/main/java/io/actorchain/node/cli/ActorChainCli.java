package io.actorchain.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code actorchain}: the command line (ARCHITECTURE.md, "Interfaces"). */
@Command(
    name = "actorchain",
    mixinStandardHelpOptions = true,
    version = "actorchain 0.1.0",
    description = "Actor-model simulator of blockchain consensus on Apache Pekko.",
    subcommands = {
      RunCommand.class,
      NodeCommand.class,
      SimulateCommand.class,
      StatusCommand.class,
      TxCommand.class,
      MergeCommand.class,
      InjectCommand.class,
      BenchCommand.class,
      ConformanceCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class ActorChainCli implements Runnable {
  /** Exit code for bad input: flags, files, ports, seeds (ARCHITECTURE.md, "Interfaces"). */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, node, simulate, status, tx, merge, inject, bench)");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; bad input prints one line and returns 2. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new ActorChainCli());
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("actorchain: " + ex.getMessage()
          + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return EXIT_BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError || ex instanceof io.actorchain.node.config.SettingsException
          || ex instanceof io.actorchain.node.store.StoreException) {
        commandLine.getErr().println("actorchain: " + ex.getMessage());
        return EXIT_BAD_INPUT;
      }
      throw ex;
    });
    return cl.execute(args);
  }
}
