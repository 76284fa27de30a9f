using System.CommandLine;

namespace ActorChain.Cli.Commands;

/// <summary><c>run</c>: the embedded network in real time. It arrives with the actors (part 2 of the port).</summary>
public static class RunCommand
{
    /// <summary>The command; any arguments are accepted and ignored until the actors land.</summary>
    public static Command Create()
    {
        var command = new Command("run", "Run an embedded network live in real time with a live view (part 3 of the port; simulate runs the same actors in virtual time)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            Console.Out.WriteLine("actorchain run (real time, live view) comes in the next part of the .NET port; the same actors run today in virtual time: 'scripts/actorchain simulate scenarios/merge.conf'.");
            return 0;
        });
        return command;
    }
}
