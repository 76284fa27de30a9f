using System.CommandLine;

namespace ActorChain.Cli.Commands;

/// <summary><c>run</c>: the embedded network in real time. It arrives with the actors (part 2 of the port).</summary>
public static class RunCommand
{
    /// <summary>The command; any arguments are accepted and ignored until the actors land.</summary>
    public static Command Create()
    {
        var command = new Command("run", "Run an embedded network live (comes with the actors, the next part of the port)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            Console.Out.WriteLine("actorchain run comes with the actors (the next part of the .NET port); today: 'scripts/actorchain conformance ../shared/golden' runs the core against its vectors.");
            return 0;
        });
        return command;
    }
}
