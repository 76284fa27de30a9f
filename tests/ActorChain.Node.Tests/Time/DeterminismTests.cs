using System.Security.Cryptography;
using System.Text;

namespace ActorChain.Node.Tests.Time;

/// <summary>Two actors exchanging timed messages give the same trace in every run (the Step 0 spike's DeterminismTests).</summary>
public sealed class DeterminismTests
{
    private static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];

    [Fact]
    public void The_same_seed_gives_identical_traces()
    {
        var duration = TimeSpan.FromSeconds(60);
        var a = Scenario.Run(seed: 42, duration);
        var b = Scenario.Run(seed: 42, duration);

        foreach (var r in new[] { a, b })
        {
            r.Violations.Should().BeEmpty();
            r.IdleAtEnd.Should().BeTrue();
            r.Terminated.Should().BeTrue();
            r.Virtual.Should().Be(duration);
            r.Trace.Count.Should().BeInRange(300, 100_000);
            r.Threads.Should().Equal([r.ConductorThread], "every handler ran on the conductor thread");
        }

        a.Trace.GroupBy(l => l[..9]).Should().Contain(g => g.Select(l => l.Substring(10, 5)).Distinct().Count() > 1,
            "equal due times really occur, from different actors");
        a.Trace.Should().Contain(l => l.Contains(" tick ")).And.Contain(l => l.Contains(" pong "));
        b.Trace.Should().Equal(a.Trace);
        Hash(a.Trace).Should().Be(Hash(b.Trace));
        Hash(a.Trace).Should().Be("C33C84A96508C710", "the Step 0 spike's trace: the same in every process and runtime");
    }

    [Fact]
    public void Different_seeds_give_different_traces()
    {
        var a = Scenario.Run(seed: 1, TimeSpan.FromSeconds(10));
        var b = Scenario.Run(seed: 2, TimeSpan.FromSeconds(10));
        a.Trace.Should().NotEqual(b.Trace);
    }
}
