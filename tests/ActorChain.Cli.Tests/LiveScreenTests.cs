using System.Collections.Immutable;
using System.Numerics;
using ActorChain.Cli.View;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Simulation.Live;
using Spectre.Console;

namespace ActorChain.Cli.Tests;

/// <summary>The live view and the summary as pure functions of a snapshot, rendered to text.</summary>
public sealed class LiveScreenTests
{
    private static readonly LiveInfo Info = new("4 nodes, 4 real miners, 1 s blocks, merge at height 16 into proof of stake: 16 validators (512 coins staked), minimal preset (1 s slots, 8-slot epochs)", "merge", 1, 8, 16, 2, "real", 4,
        [.. Enumerable.Range(0, 16).Select(i => "v" + i)], [.. Enumerable.Range(0, 16).Select(i => i % 4)]);

    private static string Draw(LiveSnapshot s, int width = 110, int height = 40)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(LiveScreen.Render(s, width, height));
        return writer.ToString();
    }

    private static NodeStatus PowNode(int id, ulong height) =>
        new(id, height, "000003ce" + new string('a', 56), "123", [.. Enumerable.Range(0, 4).Where(p => p != id)], 2, 0, (long)height, 0, null, null, null);

    private static NodeStatus PosNode(int id, ulong slot, ulong justified, ulong finalized) =>
        new(id, 18, "ce7d881b" + new string('b', 56), "123", [.. Enumerable.Range(0, 4).Where(p => p != id)], 0, 0, 70, 0, slot,
            new NodeStatus.CheckpointView(justified, "97515040" + new string('c', 56)), new NodeStatus.CheckpointView(finalized, "9b8f0589" + new string('d', 56)));

    private static LiveSnapshot PowPhase() => LiveSnapshot.Empty(Info) with
    {
        ElapsedMillis = 10_400,
        Pow = new PowView(10, new BigInteger(2_000_000), 2_290_000, 1000),
        Nodes = [.. Enumerable.Range(0, 4).Select(i => PowNode(i, 10))],
        Blocks = new BlockCounts(10, 0, ImmutableSortedDictionary<string, long>.Empty.Add("miner-0", 6).Add("miner-1", 4)),
    };

    private static LiveSnapshot PosPhase(int validators = 16, int events = 3)
    {
        ImmutableArray<ValidatorRow> rows = [.. Enumerable.Range(0, validators).Select(i =>
            new ValidatorRow("v" + i, i % 4, 32_015_000_000UL + (ulong)i, 32_000_000_000UL, i == 5 ? ValidatorStatus.Slashed : ValidatorStatus.Active))];
        ImmutableArray<LiveEvent> lines =
        [
            new(16_400, "merge", "the merge: PoW block 16 (00000814) is terminal; proof of stake with 16 validators", [0, 1, 2, 3]),
            new(50_100, "finalized", "epoch 2 finalized (9b8f0589)", [0, 1, 2, 3]),
            new(51_000, "validator_slashed", "v5 slashed for double-vote: -1 coins, v3 rewarded", [2]),
            .. Enumerable.Range(0, Math.Max(0, events - 3)).Select(i => new LiveEvent(60_000 + i, "reorg", "reorg depth 1: a -> b " + i, [1])),
        ];
        return LiveSnapshot.Empty(Info) with
        {
            ElapsedMillis = 63_000,
            Merge = new MergeView(16, 16_400, 22_000, ImmutableSortedDictionary<int, ulong>.Empty.Add(0, 2).Add(3, 1)),
            Clock = new PosClock(41, 5, 1),
            Nodes = [.. Enumerable.Range(0, 4).Select(i => PosNode(i, 41, 4, 3))],
            LastEpoch = new EpochParticipation(4, 480_000_000_000, 512_000_000_000, false),
            Validators = new ValidatorTable(0, 41, rows),
            Events = lines,
            Blocks = new BlockCounts(19, 40, ImmutableSortedDictionary<string, long>.Empty),
            FirstFinalized = new FirstFinality(2, 32, 0, 32_000),
        };
    }

    [Fact]
    public void Before_the_merge_it_counts_down_with_height_difficulty_and_hashrate()
    {
        var screen = Draw(PowPhase());

        screen.Should().Contain("proof of work (real mining, 4 miners)").And.Contain("height 10")
            .And.Contain("difficulty 2.00 Mhashes/block  hashrate 2.29 MH/s  block time target 1 s")
            .And.Contain("merge at height 16 (+2 confirmations)").And.Contain("8 block(s) to go");
        screen.Should().Contain("h10").And.Contain("000003ce");
        screen.Should().Contain("blocks: 10 PoW mined (miner-0 6, miner-1 4), 0 proposed; 0 transfers sent");
    }

    [Fact]
    public void After_the_merge_it_shows_slot_epoch_checkpoints_participation_validators_and_events()
    {
        var screen = Draw(PosPhase());

        screen.Should().Contain("slot 41").And.Contain("epoch 5 (slot 2 of 8, 1 s each)")
            .And.Contain("merged at PoW height 16 at 16.4 s, 2 PoW block(s) orphaned at the merge");
        screen.Should().Contain("participation of epoch 4: 93.8% (480.000 of 512.000 coins)").And.Contain("first finalized: epoch 2 at slot 32");
        screen.Should().Contain("s41").And.Contain("4 97515040").And.Contain("3 9b8f0589");
        screen.Should().Contain("validators  15 of 16 active").And.Contain("v15 32.015 active").And.Contain("v5  32.015 slashed");
        screen.Should().Contain("epoch 2 finalized (9b8f0589)").And.Contain("4 nodes").And.Contain("v5 slashed for double-vote");
        screen.Should().Contain("blocks: 19 PoW mined, 40 proposed; 0 transfers sent");
    }

    [Fact]
    public void A_big_validator_set_is_capped_and_the_rest_counted()
    {
        var screen = Draw(PosPhase(validators: 1000), width: 100, height: 30);

        screen.Should().Contain("validators  999 of 1000 active");
        screen.Should().MatchRegex(@"… and \d+ more; the summary lists them all");
        screen.Split('\n').Length.Should().BeLessThanOrEqualTo(31);
    }

    [Fact]
    public void The_events_pane_keeps_the_newest_that_fit()
    {
        var screen = Draw(PosPhase(events: 100), height: 40);

        screen.Should().Contain("reorg depth 1: a -> b 96").And.NotContain("reorg depth 1: a -> b 10 ");
        screen.Split('\n').Length.Should().BeLessThanOrEqualTo(41);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Every_frame_fits_the_terminal(int width, int height)
    {
        foreach (var s in new[] { PowPhase(), PosPhase(validators: 64, events: 60), PosPhase(validators: 5000, events: 200) })
        {
            var lines = Draw(s, width, height).TrimEnd('\n').Split('\n');
            lines.Length.Should().BeLessThanOrEqualTo(height);
            lines.Should().OnlyContain(l => l.Length <= width);
        }
    }

    [Fact]
    public void A_terminal_below_80_by_24_is_too_small()
    {
        LiveScreen.TooSmall(79, 40).Should().Contain("79x40").And.Contain("--no-view");
        LiveScreen.TooSmall(120, 20).Should().Contain("at least 80x24");
        LiveScreen.TooSmall(80, 24).Should().BeNull();
    }

    [Fact]
    public void The_summary_says_how_many_pow_blocks_were_orphaned_at_the_merge_and_lists_every_validator()
    {
        var summary = TextReport.Summary(PosPhase(), "--stop-after 60s");

        summary.Should().Contain("summary after 63.0 s (--stop-after 60s)")
            .And.Contain("PoW blocks orphaned at the merge: 2 (node 0: 2, node 3: 1)")
            .And.Contain("first finalized epoch: 2 at PoS slot 32 (node 0, 32.0 s after PoS genesis)");
        summary.Split('\n').Count(l => l.Contains(" coins  effective ", StringComparison.Ordinal)).Should().Be(16);
        summary.Should().Contain("  v5   node 1         32.015 coins  effective   32.000  slashed");
        summary.Should().Contain("all nodes agree on the head");
    }

    [Fact]
    public void The_summary_names_conflicting_finality_with_the_nodes_behind_each_side()
    {
        var a = ActorChain.Core.Codec.Hash32.FromHex(new string('a', 64));
        var b = ActorChain.Core.Codec.Hash32.FromHex(new string('b', 64));
        var pos = PosPhase() with
        {
            Conflicts = [new(new ActorChain.Core.Pos.Forensics.FinalizedCheckpoint(3, a, [0]), new ActorChain.Core.Pos.Forensics.FinalizedCheckpoint(3, b, [1, 2]))],
        };

        TextReport.Summary(pos, "x").Should().Contain("CONFLICTING FINALITY: epoch 3 (aaaaaaaa) on node(s) 0 vs epoch 3 (bbbbbbbb) on node(s) 1, 2");
        TextReport.Summary(PosPhase(), "x").Should().NotContain("CONFLICTING");
    }

    [Fact]
    public void The_plain_line_shows_the_phase_and_every_node()
    {
        TextReport.Line(PowPhase()).Should().StartWith("10s pow h10 2.29 MH/s merge in 8 blocks").And.Contain("n3 h10 000003ce mp2");
        TextReport.Line(PosPhase()).Should().StartWith("63s slot 41 epoch 5 part(e4) 94%").And.Contain("n0 s41 ce7d881b j4 f3 mp0");
    }

    [Fact]
    public void Balances_show_three_decimals_rounded_down()
    {
        Figures.Coins(32_000_000_000).Should().Be("32.000");
        Figures.Coins(31_999_999_999).Should().Be("31.999");
        Figures.Coins(2_048_123_456_789).Should().Be("2048.123");
        Figures.Coins(0).Should().Be("0.000");
    }
}
