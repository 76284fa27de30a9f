using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ActorChain.Cli.Bench;

namespace ActorChain.Cli.Commands;

/// <summary><c>bench pow|ed25519|epoch|sim</c>: the figures of the README's performance table.</summary>
public static class BenchCommand
{
    /// <summary>The command and its subcommands.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the README's performance figures (medians over --runs)");

        var powRuns = Runs();
        var pow = new Command("pow", "PoW header hashes (SHA-256d, midstate) per second on one thread, against one-shot BCL SHA-256 of the same 140-byte header") { powRuns };
        pow.SetAction(parse => PowBench.Run(parse.GetValue(powRuns), Console.Out));

        var edRuns = Runs();
        var ed25519 = new Command("ed25519", "Ed25519 signatures made and verified per second on one thread (NSec / libsodium)") { edRuns };
        ed25519.SetAction(parse => Ed25519Bench.Run(parse.GetValue(edRuns), Console.Out));

        var epochRuns = Runs();
        var validators = Bounded("--validators", "Validators in the mainnet-preset state", 16_384, 1, 1_048_576);
        var epoch = new Command("epoch", "Time per epoch transition of a mainnet-preset state") { epochRuns, validators };
        epoch.SetAction(parse => EpochBench.Run(parse.GetValue(epochRuns), parse.GetValue(validators), Console.Out));

        var simRuns = Runs();
        var nodes = Bounded("--nodes", "Nodes of the simulated network", 16, 1, 1024);
        var miners = Bounded("--miners", "Miners of 1000 H/s, one per node round-robin", 16, 1, 4096);
        var height = Bounded("--height", "Blocks to mine (every live node's head reaches it)", 2000, 1, 1_000_000);
        var sim = new Command("sim", "Virtual-time speed of a PoW simulation (full mesh, 100±50 ms links): virtual seconds per wall second")
        {
            simRuns, nodes, miners, height,
        };
        sim.SetAction(parse => SimBench.Run(parse.GetValue(simRuns), parse.GetValue(nodes), parse.GetValue(miners),
            (ulong)parse.GetValue(height), Console.Out));

        bench.Subcommands.Add(pow);
        bench.Subcommands.Add(ed25519);
        bench.Subcommands.Add(epoch);
        bench.Subcommands.Add(sim);
        return bench;
    }

    private static Option<int> Runs() => Bounded("--runs", "How many measured runs (the median is reported)", 5, 1, 1000);

    /// <summary>An integer option with a default and inclusive bounds; a value outside them is a parse error naming them.</summary>
    private static Option<int> Bounded(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (IntToken(r) is { } v && (v < min || v > max))
            {
                r.AddError($"{name} must be between {min} and {max}");
            }
        });
        return option;
    }

    // The option's number when one was given and parses; a token that does not parse is already a parse error.
    private static int? IntToken(OptionResult r) =>
        r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var v) ? v : null;
}
