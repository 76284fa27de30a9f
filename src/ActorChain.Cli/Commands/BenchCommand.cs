using System.CommandLine;
using ActorChain.Cli.Bench;

namespace ActorChain.Cli.Commands;

/// <summary><c>bench pow|ed25519|epoch</c>: the figures of the README's performance table.</summary>
public static class BenchCommand
{
    /// <summary>The command and its subcommands.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the README's performance figures (medians over --runs)");
        bench.Subcommands.Add(Sub("pow", "PoW header hashes (SHA-256d, midstate) per second on one thread, against one-shot BCL SHA-256 of the same 140-byte header", PowBench.Run));
        bench.Subcommands.Add(Sub("ed25519", "Ed25519 signatures made and verified per second on one thread (NSec / libsodium)", Ed25519Bench.Run));
        var validators = new Option<int>("--validators") { Description = "Validators in the mainnet-preset state", DefaultValueFactory = _ => 16_384 };
        validators.Validators.Add(r =>
        {
            if (IntToken(r) is < 1 or > 1_048_576)
            {
                r.AddError("--validators must be between 1 and 1048576");
            }
        });
        var epoch = Sub("epoch", "Time per epoch transition of a mainnet-preset state", (runs, output) => 0);
        epoch.Options.Add(validators);
        var runsOption = (Option<int>)epoch.Options[0];
        epoch.SetAction(parse => EpochBench.Run(parse.GetValue(runsOption), parse.GetValue(validators), Console.Out));
        bench.Subcommands.Add(epoch);
        return bench;
    }

    // The option's number when one was given and parses; a token that does not parse is already a parse error.
    private static int? IntToken(System.CommandLine.Parsing.OptionResult r) =>
        r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static Command Sub(string name, string description, Func<int, TextWriter, int> run)
    {
        var runs = new Option<int>("--runs") { Description = "How many measured runs (the median is reported)", DefaultValueFactory = _ => 5 };
        runs.Validators.Add(r =>
        {
            if (IntToken(r) is < 1 or > 1000)
            {
                r.AddError("--runs must be between 1 and 1000");
            }
        });
        var command = new Command(name, description) { runs };
        command.SetAction(parse => run(parse.GetValue(runs), Console.Out));
        return command;
    }
}
