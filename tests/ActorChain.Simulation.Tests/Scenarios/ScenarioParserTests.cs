using ActorChain.Core;
using ActorChain.Core.Pos;
using ActorChain.Core.Tests;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary>
/// Scenario files (SIMULATION.md, docs/scenarios.md): every shipped file parses, every key lands where the runner reads
/// it, and a bad file lists all its problems, one line each with the key path and what is allowed.
/// </summary>
public sealed class ScenarioParserTests
{
    private const string Full = """
        # every key of the contract
        scenario {
          name = "double-vote-is-slashed"
          seed = 42
          preset = minimal
          consensus = pos
          stop { epochs = 12 }
          network {
            nodes = 4
            topology = random-regular, degree = 2
            latency { mean = 100ms, jitter = 50ms }
            loss = 0.01
          }
          validators { list = [ { name = alice, stake = 100, node = 0 }, { name = bob, stake = 1.5, node = 3 } ] }
          consensus-overrides { INACTIVITY_PENALTY_QUOTIENT = 64, PROPOSER_SELECTION = roulette }
          faults = [
            { at = "epoch 3", kind = double-vote, validator = alice }
            { at = "epoch 5", kind = partition, groups = [[0, 1], [2, 3]], until = "epoch 10" }
            { at = "epoch 3", kind = latency, mean = 2s, jitter = 0s, until = "epoch 5" }
          ]
          expect = [
            { finalized-epoch-at-least = 9 }
            { slashed = [alice] }
            { not-slashed-honest = true }
            { no-conflicting-finality = true, head-agreement = true }
          ]
        }
        """;

    private static IEnumerable<string> ScenarioFiles(string folder) =>
        Directory.GetFiles(folder, "*.conf").Order(StringComparer.Ordinal);

    [Fact]
    public void Parses_every_scenario_file_of_the_repository()
    {
        var files = ScenarioFiles(Path.Combine(SharedFiles.RepoRoot, "scenarios")).ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(13);
        foreach (var file in files)
        {
            var act = () => ScenarioParser.ParseFile(file);
            act.Should().NotThrow(file).Which.Name.Should().Be(Path.GetFileNameWithoutExtension(file));
        }
    }

    [SkippableFact]
    public void Parses_every_scenario_file_of_the_shared_folder()
    {
        foreach (var file in ScenarioFiles(SharedFiles.Require("scenarios")))
        {
            var act = () => ScenarioParser.ParseFile(file);
            act.Should().NotThrow(file);
        }
    }

    [Fact]
    public void Reads_every_key_of_the_contract()
    {
        var s = ScenarioParser.Parse(Full, "full.conf");
        s.Name.Should().Be("double-vote-is-slashed");
        s.Seed.Should().Be(42UL);
        s.Preset.Should().Be("minimal");
        s.Consensus.Should().Be(ConsensusKind.Pos);
        s.MergeAtHeight.Should().BeNull();
        s.Stop.Should().Be(new Stop(StopKind.Epochs, 12));
        s.Network.Should().Be(new NetworkSpec(4, NetworkSpec.RandomRegular, 2, new LinkSettings(100, 50, 0.01)));
        s.Validators.Should().Equal(new ValidatorSpec("alice", Units.Coins(100), 0), new ValidatorSpec("bob", 1_500_000_000, 3));
        s.Miners.Should().BeEmpty();
        s.Constants().Should().Be(ConsensusConfig.Minimal with { InactivityPenaltyQuotient = 64, ProposerSelection = ProposerSelection.Roulette });
        s.Faults.Select(f => f.Kind).Should().Equal("double-vote", "partition", "latency");
        s.Faults[1].Until.Should().Be(new ScenarioTime(TimeKind.Epoch, 10));
        s.Faults[0].Faults.Should().Equal(new Fault.DoubleVote("alice"));
        s.Expectations.Select(e => e.Text).Should().Equal(
            "finalized-epoch-at-least = 9", "slashed = [alice]", "not-slashed-honest = true", "no-conflicting-finality = true", "head-agreement = true");
        s.Expectations[0].Number.Should().Be(9UL);
        s.Expectations[1].Names.Should().Equal("alice");
        s.Expectations[2].Flag.Should().BeTrue();
        s.GenesisValidators().Should().Equal(new NamedAmount("alice", Units.Coins(100)), new NamedAmount("bob", 1_500_000_000));
    }

    [Fact]
    public void Spreads_counted_validators_round_robin_and_defaults_what_is_left_out()
    {
        var s = ScenarioParser.Parse("scenario { consensus = pos, stop { epochs = 2 }, network { nodes = 3 }, validators { count = 4, stake = 32 } }", "t");
        s.Name.Should().Be("unnamed");
        s.Seed.Should().Be(1UL);
        s.Preset.Should().Be("minimal");
        s.Network.Should().Be(new NetworkSpec(3, NetworkSpec.FullMesh, 4, LinkSettings.None));
        s.Validators.Select(v => (v.Name, v.Node)).Should().Equal(("v0", 0), ("v1", 1), ("v2", 2), ("v3", 0));
        s.Validators.Should().OnlyContain(v => v.StakeGwei == Units.Coins(32));
        s.Faults.Should().BeEmpty();
        s.Expectations.Should().BeEmpty();
    }

    [Fact]
    public void Reads_a_merge_and_a_stop_in_seconds()
    {
        var s = ScenarioParser.Parse("""
            scenario {
              consensus = merge, merge.at-height = 24, stop { seconds = 600 }
              miners = [ { node = 0, hashrate = 2000 }, { node = 1, hashrate = 1000 } ]
              validators { count = 8, stake = 32 }
            }
            """, "t");
        s.MergeAtHeight.Should().Be(24UL);
        RunSetup.PosSettings(s, ChainSettings.Defaults).Consensus.Merges.Should().BeTrue("the chain a merge scenario runs merges");
        s.Stop.Should().Be(new Stop(StopKind.Seconds, 600));
        s.Miners.Should().Equal(new Miner(0, 2000), new Miner(1, 1000));
        s.TotalHashrate.Should().Be(3000UL);
    }

    [Fact]
    public void Lists_every_problem_of_a_bad_scenario_on_its_own_line()
    {
        var problems = FaultParserTests.ProblemsOf("""
            scenario {
            consensus = pow
            colour = blue
            network { nodes = 2, latency { mean = 10ms, jitter = 50ms } }
            miners = [ { node = 5, hashrate = 0 } ]
            faults = [ { at = "tomorrow", kind = partition, groups = [[0], [7]] } ]
            expect = [ { wishful = true } ]
            }
            """);
        problems.Should().Equal(
            "scenario.colour: unknown key; allowed: [consensus, consensus-overrides, expect, faults, merge, miners, name, network, preset, seed, stop, validators]",
            "scenario.stop: missing; give stop { height = H } (pow), stop { epochs = N } (pos, merge) or stop { seconds = T }",
            "scenario.network.latency.jitter: must not exceed the mean (10 ms), got 50 ms",
            "scenario.miners[0].node: unknown node 5; nodes are 0..1",
            "scenario.miners[0].hashrate: must be a positive number of hashes per second, got 0",
            "scenario.faults[0].at: must be \"epoch E\", \"slot S\", \"height H\" or \"second T\", got \"tomorrow\"",
            "scenario.faults[0].groups: unknown node 7; nodes are 0..1",
            "scenario.expect[0].wishful: unknown expectation; known: [finalized-epoch-at-least, forensics-reaches-one-third, head-agreement, height-at-least, no-conflicting-finality, not-slashed-honest, slashed]");
    }

    [Fact]
    public void Rejects_a_file_that_is_not_hocon_with_one_line()
    {
        FaultParserTests.ProblemsOf("scenario { name = \"unterminated }").Should().Equal(
            "test.conf: not valid HOCON: a string opened at line 1, column 19 is never closed");
        FaultParserTests.ProblemsOf("scenario { name = x\n").Should().Equal(
            "test.conf: not valid HOCON: '{' opened at line 1, column 10 is never closed");
        FaultParserTests.ProblemsOf("scenario { name = x } }").Should().Equal("test.conf: not valid HOCON: unexpected '}' at line 1, column 23");
        FaultParserTests.ProblemsOf("scenario {\n  name = x\n  , seed = 2 }").Should().Equal(
            "test.conf: not valid HOCON: Unknown token at line 3, column 3");
        FaultParserTests.ProblemsOf("scenario { name = ${nope} }").Should().Equal("test.conf: not valid HOCON: Unresolved substitution: nope");
    }

    [Fact]
    public void Rejects_a_missing_file_and_a_file_without_a_scenario_block()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-scenario-" + Guid.NewGuid() + ".conf");
        var act = () => ScenarioParser.ParseFile(missing);
        act.Should().Throw<ScenarioException>().Which.Problems.Should().Equal(missing + ": no such scenario file");
        FaultParserTests.ProblemsOf("name = x").Should().Equal(
            "name: unknown key; a scenario file has one top-level block scenario { ... }",
            "scenario: missing; a scenario file has one top-level block scenario { ... }");
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("42", 42UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Parses_a_seed(string text, ulong seed) => ScenarioParser.ParseSeed(text).Should().Be(seed);

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("18446744073709551616")]
    [InlineData("")]
    public void Rejects_a_bad_seed_with_one_line(string text)
    {
        var act = () => ScenarioParser.ParseSeed(text);
        act.Should().Throw<ScenarioException>().Which.Problems.Should().Equal($"--seed: must be a whole number from 0 to 18446744073709551615, got '{text}'");
    }

    [Fact]
    public void Takes_the_seed_of_the_command_line_over_the_file()
    {
        var s = ScenarioParser.Parse(Full, "full.conf");
        s.WithSeed(7).Should().Be(s with { Seed = 7 });
    }
}
