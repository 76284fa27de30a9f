using System.CommandLine;
using ActorChain.Cli.Commands;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli;

/// <summary>The <c>actorchain</c> command line. Bad flags get one line on stderr and exit code 2.</summary>
public static class Program
{
    /// <summary>Exit code for bad input (flags, files): one line names what is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Writes each problem of a bad scenario file on its own line after <paramref name="prefix"/>, located in
    /// <paramref name="file"/> unless it names the file or a flag already.
    /// </summary>
    internal static void PrintProblems(TextWriter stderr, string prefix, string file, ScenarioException e)
    {
        foreach (var p in e.Problems)
            stderr.WriteLine(prefix + (p.StartsWith(file, StringComparison.Ordinal) || p.StartsWith("--", StringComparison.Ordinal) ? p : file + ": " + p));
    }

    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        var root = BuildRoot();
        if (args.Length == 0)
        {
            Console.Error.WriteLine("actorchain: a command is required (run, simulate, conformance, bench); see 'actorchain --help'");
            return BadInput;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"actorchain: {OneLine(parse.Errors)} (see 'actorchain {CommandPath(parse)}--help')");
            return BadInput;
        }

        return parse.Invoke();
    }

    /// <summary>Every command of this version.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "ActorChain: an actor-model simulator of blockchain consensus (PoW, the merge, PoS/Gasper).\n" +
            "run: a network live in real time; simulate: a scenario file in virtual time; the multi-process cluster comes in part 4 of the port.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ConformanceCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SlashingProtectionCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(TxCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(InjectCommand.Create());
        return root;
    }

    // Parse errors on one line; an unknown word already explains a missing command, so that one is dropped.
    private static string OneLine(IReadOnlyList<System.CommandLine.Parsing.ParseError> errors)
    {
        var messages = errors.Select(e => string.Join(' ', e.Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.'))
            .ToList();
        if (messages.Count > 1)
        {
            messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        return string.Join("; ", messages);
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (c.Command is not RootCommand)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }
}
