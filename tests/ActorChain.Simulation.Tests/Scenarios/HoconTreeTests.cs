using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary>
/// Scenario files go through Akka.NET's own HOCON parser; the few places where it differs from HOCON (a comma after a
/// block, unterminated strings and blocks, include) are handled before it, so a file either parses as HOCON says or is
/// one "not valid HOCON" line.
/// </summary>
public sealed class HoconTreeTests
{
    private static HObject Parse(string text)
    {
        var root = HoconTree.Parse(text, out var error);
        error.Should().BeNull();
        return root!;
    }

    private static string Error(string text)
    {
        HoconTree.Parse(text, out var error).Should().BeNull();
        return error!;
    }

    [Fact]
    public void Takes_a_comma_after_a_block_as_hocon_does()
    {
        var root = Parse("s { stop { epochs = 4 }, network { nodes = 4 }, l = [ { a = 1 }, { a = 2 } ] }");
        var s = (HObject)root.Get("s")!;
        s.Keys.Should().Equal("stop", "network", "l");
        ((HArray)s.Get("l")!).Elements.Should().HaveCount(2);
    }

    [Fact]
    public void Reads_dotted_keys_json_and_concatenated_values()
    {
        var root = Parse("merge.at-height = 24\nd = 50 ms\nq = \"a b\"\n");
        ((HObject)root.Get("merge")!).Get("at-height").Should().Be(new HString("24"));
        root.Get("d").Should().Be(new HString("50 ms"));
        root.Get("q").Should().Be(new HString("a b"));
        Parse("""{"kind": "late", "groups": [[1, 2], [3]]}""").Keys.Should().Equal("kind", "groups");
    }

    [Fact]
    public void Copies_a_value_of_the_same_file_and_takes_colons()
    {
        var root = Parse("base { mean : 50ms }\nnet { latency = ${base} }\nn = ${base.mean}");
        ((HObject)((HObject)root.Get("net")!).Get("latency")!).Get("mean").Should().Be(new HString("50ms"));
        root.Get("n").Should().Be(new HString("50ms"));
    }

    [Fact]
    public void Merges_a_block_given_twice()
    {
        var root = Parse("n { a = 1 }\nn { b = 2 }\nn.a = 3");
        var n = (HObject)root.Get("n")!;
        n.Get("a").Should().Be(new HString("3"));
        n.Get("b").Should().Be(new HString("2"));
    }

    [Fact]
    public void Refuses_what_akkas_parser_would_accept_silently_or_hang_on()
    {
        Error("a = \"open\nb = 2").Should().Be("a string opened at line 1, column 5 is never closed");
        Error("a { b = 1").Should().Be("'{' opened at line 1, column 3 is never closed");
        Error("a = [1, 2 }").Should().Be("unexpected '}' at line 1, column 11");
        Error("include \"other.conf\"\na = 1").Should().Be("include is not supported: a scenario is one file");
    }

    [Fact]
    public void Ignores_brackets_and_commas_in_strings_and_comments()
    {
        var root = Parse("a = \"}, {\" # }, [\nb = 2 // ]\n");
        root.Get("a").Should().Be(new HString("}, {"));
        root.Get("b").Should().Be(new HString("2"));
    }

    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("50 ms", 50)]
    [InlineData("1m", 60_000)]
    [InlineData("250", 250)]
    [InlineData("0s", 0)]
    public void Reads_durations(string text, long millis)
    {
        ProblemList.TryMillis(text, out var ms).Should().BeTrue();
        ms.Should().Be(millis);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("1.0005s")]
    [InlineData("3 weeks")]
    [InlineData("")]
    public void Refuses_what_is_not_a_duration(string text) => ProblemList.TryMillis(text, out _).Should().BeFalse();
}
