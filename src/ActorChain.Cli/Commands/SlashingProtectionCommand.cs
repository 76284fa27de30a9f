using System.CommandLine;
using ActorChain.Node.Storage;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>slashing-protection export|import --data-dir D FILE</c>: a stopped node's slashing-protection records as an
/// EIP-3076 interchange file (minimal format), and back; an import keeps, per validator, the highest slot and epochs of
/// the data dir and the file (docs/storage.md). Bad input (no such data dir, a running node holds it, no PoS genesis
/// yet, a bad file, another chain's file): one line on stderr, exit 2.
/// </summary>
public static class SlashingProtectionCommand
{
    /// <summary>The command and its two subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("slashing-protection", "Export or import a node's slashing-protection records (EIP-3076 interchange, minimal format)");
        command.Subcommands.Add(Sub("export", "Write the records of --data-dir's validators to FILE (- for stdout)", Export));
        command.Subcommands.Add(Sub("import", "Merge FILE's records into --data-dir (keeps the highest slot and epochs per validator)", Import));
        return command;
    }

    /// <summary>Exports the records of <paramref name="dataDir"/> to <paramref name="file"/> (<c>-</c>: stdout).</summary>
    public static int Export(string dataDir, string file, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return Guard("export", dataDir, stderr, () =>
        {
            string json;
            int count;
            using (var stores = NodeStores.OpenExisting(dataDir))
            {
                json = SlashingInterchange.Export(stores);
                count = stores.Protection.Names().Count;
            }

            if (file == "-")
            {
                stdout.Write(json);
                return 0;
            }

            File.WriteAllText(file, json);
            stdout.WriteLine($"exported the slashing-protection records of {count} validator(s) from {dataDir} to {file}");
            return 0;
        });
    }

    /// <summary>Imports <paramref name="file"/> into <paramref name="dataDir"/>.</summary>
    public static int Import(string dataDir, string file, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return Guard("import", dataDir, stderr, () =>
        {
            if (!File.Exists(file))
                throw new InterchangeException($"{file}: no such file");
            var json = File.ReadAllText(file);
            using var stores = NodeStores.OpenExisting(dataDir);
            var count = SlashingInterchange.Import(stores, file, json);
            stdout.WriteLine($"imported the slashing-protection records of {count} validator(s) from {file} into {dataDir}");
            return 0;
        });
    }

    private static Command Sub(string name, string description, Func<string, string, TextWriter, TextWriter, int> run)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "The node's data dir (the node must be stopped)", Required = true };
        var file = new Argument<string>("FILE") { Description = "The interchange file" };
        var command = new Command(name, description) { dataDir, file };
        command.SetAction(parse => run(parse.GetValue(dataDir)!, parse.GetValue(file)!, Console.Out, Console.Error));
        return command;
    }

    private static int Guard(string verb, string dataDir, TextWriter stderr, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return body();
        }
        catch (Exception e) when (e is StoreException or InterchangeException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"actorchain slashing-protection {verb}: {e.Message.ReplaceLineEndings(" ")}");
            return Program.BadInput;
        }
        catch (Exception e) when (NodeStores.IsNativeLibraryMissing(e))
        {
            stderr.WriteLine($"actorchain slashing-protection {verb}: {NodeStores.NativeLibraryLine(dataDir, e)}");
            return 1; // not bad input: the install
        }
    }
}
