using System.Text.RegularExpressions;
using ActorChain.Cli.Commands;

namespace ActorChain.Cli.Tests;

/// <summary>
/// <c>run</c> end to end, in real time and bounded: proof of stake on 4 nodes stopped after 4 s, without a view; the
/// summary lists every node and validator. Nothing here asserts on speed.
/// </summary>
public sealed partial class RunCommandTests
{
    [GeneratedRegex(@"^\d+\s+[sh]\d+\s+[0-9a-f]{8}\s", RegexOptions.Multiline)]
    private static partial Regex NodeRow();

    [GeneratedRegex(@"^  v\d+\s+node \d\s+\d+\.\d{3} coins\s+effective\s+\d+\.\d{3}  active$", RegexOptions.Multiline)]
    private static partial Regex ValidatorLine();

    [Fact]
    public void Runs_proof_of_stake_live_until_stop_after_and_prints_the_summary()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = RunCommand.Run(new RunRequest { Pos = true, Nodes = 4, StopAfter = "4s", NoView = true, NoHttp = true }, stdout, stderr);

        var text = stdout.ToString();
        code.Should().Be(0, stderr.ToString());
        text.Should().StartWith("ActorChain: 4 nodes, proof of stake from genesis: 16 validators (512 coins staked), minimal preset");
        text.Should().Contain("summary after").And.Contain("(--stop-after 4s)").And.Contain("proof of stake: slot");
        NodeRow().Matches(text).Should().HaveCount(4);
        text.Should().Contain("validators  16 of 16 active");
        ValidatorLine().Matches(text).Should().HaveCount(16);
        text.Should().Contain("blocks: 0 PoW mined");
        text.Should().NotContain("dashboard:");
    }
}
