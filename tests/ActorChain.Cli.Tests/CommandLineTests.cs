using ActorChain.Cli.Commands;
using ActorChain.Core.Tests;

namespace ActorChain.Cli.Tests;

/// <summary>The command line: what each bad input says, the exit codes of <c>conformance</c>.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("actorchain-cli-");

    public void Dispose() => _scratch.Delete(recursive: true);

    private static (int Code, string Out, string Err) Conformance(string dir, string preset = "all", bool verbose = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ConformanceCommand.Run(new DirectoryInfo(dir), preset, verbose, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("frob")]
    [InlineData("bench", "pow", "--runs", "x")]
    [InlineData("bench", "pow", "--runs", "0")]
    [InlineData("bench", "epoch", "--validators", "-3")]
    [InlineData("conformance")]
    [InlineData("conformance", ".", "--preset", "testnet")]
    public void Bad_flags_are_parse_errors(params string[] args) =>
        Program.BuildRoot().Parse(args).Errors.Should().NotBeEmpty();

    [Theory]
    [InlineData("run")]
    [InlineData("bench", "pow", "--runs", "3")]
    [InlineData("bench", "epoch", "--validators", "1024", "--runs", "2")]
    [InlineData("conformance", ".", "--preset", "minimal", "--verbose")]
    public void Good_flags_parse(params string[] args) =>
        Program.BuildRoot().Parse(args).Errors.Should().BeEmpty();

    [Fact]
    public void No_command_is_bad_input() => Program.Main([]).Should().Be(Program.BadInput);

    [Fact]
    public void A_missing_directory_exits_2_naming_it()
    {
        var missing = Path.Combine(_scratch.FullName, "nope");
        var (code, _, err) = Conformance(missing);
        code.Should().Be(2);
        err.Should().Contain(missing).And.Contain("no such directory");
    }

    [Fact]
    public void A_directory_with_nothing_recognisable_exits_2()
    {
        File.WriteAllText(Path.Combine(_scratch.FullName, "notes.txt"), "nothing here");
        var (code, _, err) = Conformance(_scratch.FullName);
        code.Should().Be(2);
        err.Should().Contain("nothing recognisable");
    }

    [Fact]
    public void A_malformed_vector_line_fails_naming_file_and_line()
    {
        var family = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "keys"));
        File.WriteAllText(Path.Combine(family.FullName, "cases.jsonl"), "{\"case\": \"broken\", \"input\": \n");
        var (code, stdout, _) = Conformance(_scratch.FullName);
        code.Should().Be(1);
        stdout.Should().Contain("cases.jsonl:1").And.EndWith("0 passed, 1 failed" + Environment.NewLine);
    }

    [SkippableFact]
    public void Ethereum_phase0_vectors_all_pass()
    {
        var (code, stdout, _) = Conformance(SharedFiles.Require("conformance"));
        code.Should().Be(0);
        stdout.Should().Be("28 passed, 0 failed" + Environment.NewLine);
    }

    [SkippableFact]
    public void Golden_vectors_all_pass_and_verbose_lists_each_case()
    {
        var (code, stdout, _) = Conformance(SharedFiles.Require("golden"), verbose: true);
        code.Should().Be(0);
        var lines = stdout.TrimEnd().Split(Environment.NewLine);
        lines[^1].Should().MatchRegex(@"^\d+ passed, 0 failed$");
        lines.Length.Should().Be(int.Parse(lines[^1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) + 1);
        lines[0].Should().StartWith("ok   ");
    }
}
