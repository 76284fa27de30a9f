using ActorChain.Cli.Commands;
using ActorChain.Core;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Live;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Tests;

/// <summary><c>run</c>'s flags: the network they describe, and one line with exit code 2 for every bad input.</summary>
public sealed class RunFlagsTests : IDisposable
{
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-run-");

    public void Dispose() => _tmp.Delete(recursive: true);

    /// <summary>The plan of a command line, or the one line it is refused with (parse errors included, as Main prints them).</summary>
    private static (LivePlan? Plan, string Error) Plan(params string[] args)
    {
        var parse = Program.BuildRoot().Parse(["run", .. args]);
        if (parse.Errors.Count > 0) return (null, string.Join("; ", parse.Errors.Select(e => e.Message)));
        using var stderr = new StringWriter();
        var prepared = RunCommand.Prepare(RunCommand.Read(parse), stderr);
        return (prepared?.Plan, stderr.ToString());
    }

    private static LivePlan Good(params string[] args)
    {
        var (plan, error) = Plan(args);
        plan.Should().NotBeNull(error);
        return plan!;
    }

    [Fact]
    public void Defaults_are_four_nodes_four_miners_merging_at_16_into_16_validators_of_32_coins()
    {
        var plan = Good();

        plan.Consensus.Should().Be(ConsensusKind.Merge);
        plan.Nodes.Should().HaveCount(4);
        plan.Nodes.Should().OnlyContain(n => n.Miners.Length == 1);
        plan.Settings.Consensus.MergeAtHeight.Should().Be(16UL);
        plan.Settings.Pow.BlockTimeMillis.Should().Be(1000UL);
        plan.Settings.Validators.Select(v => v.Name).Should().Equal(Enumerable.Range(0, 16).Select(i => "v" + i));
        plan.Settings.Validators.Should().OnlyContain(v => v.Gwei == Units.Coins(32));
        plan.Nodes[1].Validators.Should().Equal("v1", "v5", "v9", "v13");
        plan.Settings.PowMode.Should().Be(PowMode.Real);
        plan.StopAfter.Should().BeNull();
    }

    [Fact]
    public void Named_stakes_are_spread_round_robin_over_the_nodes_in_the_order_given()
    {
        var plan = Good("--pos", "--nodes", "2", "--stake", "alice", "32", "--stake", "bob", "40.5", "--stake", "carol", "64");

        plan.Consensus.Should().Be(ConsensusKind.Pos);
        plan.Nodes.Should().OnlyContain(n => n.Miners.IsEmpty);
        plan.Settings.Validators.Select(v => (v.Name, v.Gwei)).Should().Equal(
            ("alice", Units.Coins(32)), ("bob", 40_500_000_000UL), ("carol", Units.Coins(64)));
        plan.Nodes[0].Validators.Should().Equal("alice", "carol");
        plan.Nodes[1].Validators.Should().Equal("bob");
    }

    [Fact]
    public void Flags_set_the_slot_preset_mining_block_time_merge_height_seed_and_stop()
    {
        var plan = Good("--consensus", "merge", "--preset", "minimal", "--slot", "2s", "--mining", "simulated", "--block-time", "500ms",
            "--merge-at", "5", "--seed", "7", "--stop-after", "2m", "--validators", "8", "--stake-each", "33", "--miners", "3");

        plan.Settings.Consensus.Config.SecondsPerSlot.Should().Be(2UL);
        plan.Settings.PowMode.Should().Be(PowMode.Simulated);
        plan.Settings.Pow.BlockTimeMillis.Should().Be(500UL);
        plan.Settings.Consensus.MergeAtHeight.Should().Be(5UL);
        plan.Seed.Should().Be(7UL);
        plan.StopAfter.Should().Be(TimeSpan.FromMinutes(2));
        plan.Settings.Validators.Should().HaveCount(8).And.OnlyContain(v => v.Gwei == Units.Coins(33));
        plan.Nodes.Sum(n => n.Miners.Length).Should().Be(3);
    }

    [Fact]
    public void Pow_alone_has_no_validators_and_no_merge()
    {
        var plan = Good("--pow", "--miners", "2");
        plan.Consensus.Should().Be(ConsensusKind.Pow);
        plan.Settings.Validators.Should().BeEmpty();
        plan.Settings.Consensus.MergeAtHeight.Should().BeNull();
    }

    [Theory]
    [InlineData("--stake alice", "--stake alice: the amount in coins is missing")]
    [InlineData("--stake alice --nodes 2", "--stake alice: the amount in coins is missing")]
    [InlineData("--stake alice 32 --stake alice 40", "--stake alice: the name is given twice")]
    [InlineData("--stake alice -5", "--stake alice: a stake must be positive")]
    [InlineData("--stake alice 0.5", "at least 1 coins (EFFECTIVE_BALANCE_INCREMENT)")]
    [InlineData("--stake alice lots", "--stake alice: the amount in coins is missing")]
    [InlineData("--stake 32 alice", "needs a validator name then an amount")]
    [InlineData("--stake alice 32 --validators 4", "--stake names each validator; --validators")]
    [InlineData("--stake-each -1", "--stake-each: a stake must be positive")]
    [InlineData("--pos --pow", "--pos and --pow: choose one")]
    [InlineData("--pos --consensus merge", "--pos conflicts with --consensus merge")]
    [InlineData("--consensus poa", "--consensus: must be merge, pos or pow, got 'poa'")]
    [InlineData("--preset testnet", "--preset: must be minimal, mainnet, tutorial, got 'testnet'")]
    [InlineData("--slot 1500ms", "--slot: SECONDS_PER_SLOT is a whole number of seconds")]
    [InlineData("--slot soon", "--slot: must be a positive duration")]
    [InlineData("--stop-after 0s", "--stop-after: must be a positive duration")]
    [InlineData("--stop-after 90", "--stop-after: must be a positive duration")]
    [InlineData("--bogus", "--bogus: no such option")]
    [InlineData("--stop-after 999999999h", "--stop-after: too long a duration")]
    [InlineData("--slot 99999999h", "--slot: ")]
    [InlineData("--tx-rate NaN", "--tx-rate: must be between 0 and 1000")]
    [InlineData("--mining fast", "--mining: must be real or simulated, got 'fast'")]
    [InlineData("--nodes 0", "--nodes: must be between 1 and 64, got 0")]
    [InlineData("--miners 0", "--miners: the merge needs at least 1 miner")]
    [InlineData("--pos --miners 2", "--miners: proof of stake from genesis has no miners")]
    [InlineData("--pow --validators 4", "--validators: proof of work has no validators")]
    [InlineData("--pos --merge-at 5", "--merge-at: only a merge run has a merge")]
    [InlineData("--merge-at 0", "--merge-at: must be at least 1")]
    [InlineData("--validators 0", "--validators: must be between 1 and 4,096, got 0")]
    [InlineData("--log-level loud", "--log-level: must be one of debug, info, warning, error, off, got 'loud'")]
    [InlineData("--seed minus", "--seed")]
    [InlineData("--config /nonexistent/cluster.hocon", "no such file: /nonexistent/cluster.hocon")]
    [InlineData("--http-port 70000", "--http-port: must be a TCP port between 0 and 65535 (0: any free port), got 70000")]
    [InlineData("--http-port -1", "--http-port: must be a TCP port between 0 and 65535")]
    [InlineData("--http-port 0 --no-http", "--http-port and --no-http: choose one")]
    public void Bad_input_is_one_line_naming_what_is_wrong(string args, string expected)
    {
        var (plan, error) = Plan(args.Split(' '));

        plan.Should().BeNull();
        error.Should().Contain(expected);
        error.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public void Bad_input_exits_2_without_a_stack_trace()
    {
        Program.Main(["run", "--stake", "alice", "--no-view"]).Should().Be(Program.BadInput);
        Program.Main(["run", "--nodes", "x"]).Should().Be(Program.BadInput);
    }

    [Fact]
    public void The_log_level_comes_from_the_flag_then_the_environment()
    {
        RunPlanner.LogLevel(null, null).Should().Be("WARNING");
        RunPlanner.LogLevel(null, "debug").Should().Be("DEBUG");
        RunPlanner.LogLevel("error", "debug").Should().Be("ERROR");
        FluentActions.Invoking(() => RunPlanner.LogLevel(null, "chatty")).Should().Throw<UsageException>().WithMessage("ACTORCHAIN_LOG*");
    }

    [Fact]
    public void A_scenario_file_runs_with_its_own_network_and_refuses_network_flags()
    {
        var file = Scenario("""
            name = live, seed = 5, consensus = pos
            stop { epochs = 3 }
            network { nodes = 2 }
            validators { count = 4, stake = 32 }
            faults = [ { at = "epoch 1", kind = offline, validator = v1, until = "epoch 2" } ]
            """);

        var plan = Good(file, "--stop-after", "30s");
        plan.Consensus.Should().Be(ConsensusKind.Pos);
        plan.Nodes.Should().HaveCount(2);
        plan.Faults.Should().ContainSingle();
        plan.Seed.Should().Be(5UL);

        var (refused, error) = Plan(file, "--nodes", "3");
        refused.Should().BeNull();
        error.Should().Contain("--nodes: the scenario file sets the network");
    }

    [Fact]
    public void A_scenario_that_cannot_run_in_real_time_is_refused_in_one_line()
    {
        var mainnet = Scenario("""
            name = huge, consensus = pos, preset = mainnet
            stop { epochs = 4 }
            network { nodes = 4 }
            validators { count = 10000, stake = 32 }
            """);
        var (plan, error) = Plan(mainnet);
        plan.Should().BeNull();
        error.Should().Contain("cannot run in real time").And.Contain("10,000 validators");

        var longRun = Scenario("""
            name = long, consensus = pos, preset = mainnet
            stop { epochs = 100 }
            network { nodes = 2 }
            validators { count = 8, stake = 32 }
            """);
        Plan(longRun).Error.Should().Contain("would take about 10.7 h in real time");
        Plan(longRun, "--stop-after", "5m").Plan.Should().NotBeNull("a shorter --stop-after cuts it");
    }

    private string Scenario(string body)
    {
        var f = Path.Combine(_tmp.FullName, Guid.CreateVersion7().ToString("N")[..8] + ".conf");
        File.WriteAllText(f, "scenario {\n" + body + "\n}\n");
        return f;
    }
}
