using System.CommandLine;

namespace ActorChain.Cli.Tests.Client;

/// <summary>Runs the command line as <c>Program.Main</c> does, with its output and errors captured.</summary>
internal static class Cli
{
    /// <summary>The exit code, stdout and stderr of <c>actorchain ARGS</c>; a parse error is exit 2 with its messages.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var parse = Program.BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
            return (Program.BadInput, string.Empty, string.Join("; ", parse.Errors.Select(e => e.Message)));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The one line of stderr, checking there is exactly one.</summary>
    public static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "one line, no stack trace: " + stderr);
        return lines[0];
    }
}
