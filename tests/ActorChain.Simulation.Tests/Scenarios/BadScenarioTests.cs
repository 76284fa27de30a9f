using ActorChain.Core.Pos;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary>
/// Each mistake in a scenario file gives exactly one line naming its key path and what is allowed (SIMULATION.md:
/// exit 2): a typo in a nested block, a wrong type (reported once, never followed by problems that quote made-up
/// values), unknown names, times before genesis or in the wrong unit, bad presets and consensus names.
/// </summary>
public sealed class BadScenarioTests
{
    private const string Pos = """
        scenario {
          name = t
          consensus = pos
          stop { epochs = 8 }
          network { nodes = 4, latency { mean = 50ms, jitter = 20ms } }
          validators { count = 8, stake = 32 }
          faults = [ { at = "epoch 3", kind = double-vote, validator = v5 }, { at = "epoch 2", kind = crash, node = 2, until = "epoch 4" } ]
          expect = [ { slashed = [v5] }, { finalized-epoch-at-least = 5 } ]
        }
        """;

    private const string Pow = """
        scenario {
          name = t
          consensus = pow
          stop { height = 20 }
          network { nodes = 4 }
          miners = [ { node = 0, hashrate = 1000 }, { node = 3, hashrate = 3000 } ]
          faults = [ { at = "height 5", kind = private-chain, node = 3, release = "height 9" } ]
          expect = [ { height-at-least = 20 } ]
        }
        """;

    private const string Validators = "the validators are v0, v1, v2, v3, v4, v5, v6, v7";

    /// <summary>The base file, the text to replace in it, its replacement, and the one expected line.</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // typos, at every depth
        { Pos, "latency { mean = 50ms", "latency { meen = 50ms", "scenario.network.latency.meen: unknown key (did you mean mean?); allowed: [jitter, mean]" },
        { Pos, "network { nodes = 4", "network { nodez = 4", "scenario.network.nodez: unknown key (did you mean nodes?); allowed: [degree, latency, loss, nodes, topology]" },
        { Pos, "stop { epochs = 8 }", "stop { epoch = 8 }", "scenario.stop.epoch: unknown key (did you mean epochs?); allowed: [epochs, height, seconds]" },
        { Pos, "validators { count", "validators { cont", "scenario.validators.cont: unknown key (did you mean count?); allowed: [count, list, stake]" },
        { Pos, "validators {", "valdators {", "scenario.valdators: unknown key (did you mean validators?); allowed: [consensus, consensus-overrides, expect, faults, merge, miners, name, network, preset, seed, stop, validators]" },
        { Pos, "kind = crash, node = 2", "kind = crash, nod = 2", "scenario.faults[1].nod: not a field of crash (did you mean node?); allowed: [at, kind, node, until]" },
        { Pos, "validator = v5 }", "validatr = v5 }", "scenario.faults[0].validatr: not a field of double-vote (did you mean validator?); allowed: [at, kind, until, validator, validators]" },
        { Pow, "{ node = 0, hashrate", "{ nod = 0, hashrate", "scenario.miners[0].nod: unknown key (did you mean node?); allowed: [hashrate, node]" },

        // a wrong type, reported once
        { Pos, "nodes = 4", "nodes = four", "scenario.network.nodes: must be a whole number, got \"four\"" },
        { Pos, "count = 8", "count = many", "scenario.validators.count: must be a whole number, got \"many\"" },
        { Pos, "stake = 32", "stake = lots", "scenario.validators.stake: not an amount of coins: 'lots'; give coins such as 32 or 1.5" },
        { Pos, "epochs = 8", "epochs = ten", "scenario.stop.epochs: must be a whole number, got \"ten\"" },
        { Pos, "name = t", "name = t\n seed = -3", "scenario.seed: must be a whole number from 0 to 18446744073709551615, got -3" },
        { Pos, "mean = 50ms", "mean = fast", "scenario.network.latency.mean: must be a duration such as 100ms or 2s (units ms, s, m, h), got \"fast\"" },
        { Pos, "latency { mean = 50ms, jitter = 20ms }", "latency = 50ms", "scenario.network.latency: must be a block { mean = 100ms, jitter = 50ms }, got \"50ms\"" },
        { Pos, "node = 2, until", "node = two, until", "scenario.faults[1].node: must be a whole number, got \"two\"" },
        { Pos, "slashed = [v5]", "slashed = v5", "scenario.expect[0].slashed: must be a list of validator names, e.g. [v5], got \"v5\"" },
        { Pos, "finalized-epoch-at-least = 5", "finalized-epoch-at-least = yes", "scenario.expect[1].finalized-epoch-at-least: must be a whole number from 0 to 18446744073709551615, got \"yes\"" },
        { Pos, "{ finalized-epoch-at-least = 5 }", "{ head-agreement = maybe }", "scenario.expect[1].head-agreement: must be true or false, got \"maybe\"" },
        { Pow, "hashrate = 3000", "hashrate = lots", "scenario.miners[1].hashrate: must be a whole number, got \"lots\"" },
        { Pos, "faults = [ { at = \"epoch 3\", kind = double-vote, validator = v5 }, { at = \"epoch 2\", kind = crash, node = 2, until = \"epoch 4\" } ]", "faults = 3", "scenario.faults: must be a list of { at = \"...\", kind = ..., ... }, got 3" },

        // unknown names
        { Pos, "validator = v5", "validator = v42", $"scenario.faults[0].validator: unknown validator 'v42'; {Validators}" },
        { Pos, "slashed = [v5]", "slashed = [v5, mallory]", $"scenario.expect[0].slashed: unknown validator 'mallory'; {Validators}" },
        { Pos, "node = 2, until", "node = 4, until", "scenario.faults[1].node: unknown node 4; nodes are 0..3" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1 }, { name = b, stake = 1, node = 7 } ] }\n", "scenario.validators.list[1].node: unknown node 7; nodes are 0..3" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = v5, stake = 1 }, { name = v5, stake = 1 } ] }", "scenario.validators.list[1].name: duplicate validator 'v5'" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1 }, { name = b, stake = 1, nodes = [0, 9] } ] }", "scenario.validators.list[1].nodes: unknown node 9; nodes are 0..3" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1 }, { name = b, stake = 1, nodes = [] } ] }", "scenario.validators.list[1].nodes: must name at least one node, e.g. nodes = [0, 1]" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1, node = 0, nodes = [0, 1] } ] }", "scenario.validators.list[0].nodes: give either node = N or nodes = [N, M], not both" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1, nodes = [1, 1] } ] }", "scenario.validators.list[0].nodes: names node 1 twice" },
        { Pos, "validators { count = 8, stake = 32 }", "validators { list = [ { name = a, stake = 1, nodes = 1 } ] }", "scenario.validators.list[0].nodes: must be a list of node indices, e.g. nodes = [0, 1], got 1" },
        { Pow, "{ node = 3, hashrate", "{ node = 4, hashrate", "scenario.miners[1].node: unknown node 4; nodes are 0..3" },
        { Pow, "kind = private-chain, node = 3", "kind = private-chain, node = 2", "scenario.faults[0].node: node 2 hosts no miner; private-chain needs one (scenario.miners)" },

        // times
        { Pos, "at = \"epoch 3\"", "at = \"slot -1\"", "scenario.faults[0].at: is before genesis: times count from genesis, so the number must be 0 or more, got \"slot -1\"" },
        { Pos, "at = \"epoch 3\"", "at = \"epoch x\"", "scenario.faults[0].at: must be \"epoch E\", \"slot S\", \"height H\" or \"second T\", got \"epoch x\"" },
        { Pos, "until = \"epoch 4\"", "until = \"epoch 2\"", "scenario.faults[1].until: must be after at (epoch 2), got epoch 2" },
        { Pos, "until = \"epoch 4\"", "until = \"second 10\"", "scenario.faults[1].until: must be after at (epoch 2), got second 10" },
        { Pos, "until = \"epoch 4\"", "until = \"slot 16\"", "scenario.faults[1].until: must be after at (epoch 2), got slot 16" },
        { Pos, "until = \"epoch 4\"", "until = \"second 16\"", "scenario.faults[1].until: must be after at (epoch 2), got second 16" },
        { Pow, "at = \"height 5\"", "at = \"epoch 1\"", "scenario.faults[0].at: times in epochs or slots need consensus = pos or merge; use \"height H\" or \"second T\"" },
        { Pow, "release = \"height 9\"", "release = \"height nine\"", "scenario.faults[0].release: must be \"height H\" or \"second T\", got \"height nine\"" },
        { Pos, "kind = double-vote", "kind = double-voting", "scenario.faults[0].kind: unknown fault 'double-voting'; known: [crash, double-proposal, double-vote, heal, late, latency, loss, offline, partition, private-chain, selfish-mining, surround-vote]" },

        // presets, consensus and the rest of the scenario block
        { Pos, "name = t", "name = t, preset = mainnett", "scenario.preset: must be minimal, mainnet or tutorial, got 'mainnett'" },
        { Pos, "consensus = pos", "consensus = poss", "scenario.consensus: must be pow, pos or merge, got 'poss'" },
        { Pos, "name = t", "name = t\n consensus-overrides { PROPOSER_SCORE_BOOST = 101 }", "scenario.consensus-overrides.PROPOSER_SCORE_BOOST: PROPOSER_SCORE_BOOST must be in [0, 100], got 101" },
        { Pos, "name = t", "name = t\n consensus-overrides { SLOTS_PER_EPOCH = eight }", "scenario.consensus-overrides.SLOTS_PER_EPOCH: SLOTS_PER_EPOCH must be a whole number ≥ 0, got 'eight'" },
        { Pos, "name = t", "name = t\n consensus-overrides { SLOTS_PER_EPOK = 4 }", $"scenario.consensus-overrides.SLOTS_PER_EPOK: unknown consensus constant 'SLOTS_PER_EPOK'; known: {string.Join(", ", ConsensusConfig.ConstantNames)}" },
        { Pos, "stop { epochs = 8 }", "stop { height = 8 }", "scenario.stop.height: applies to consensus = pow; use stop { epochs = N }" },
        { Pos, "stop { epochs = 8 }", "stop { epochs = 0 }", "scenario.stop.epochs: must be at least 1, got 0" },
        { Pos, "stop { epochs = 8 }", "stop { epochs = 8, seconds = 60 }", "scenario.stop: must hold exactly one of height, epochs, seconds, got epochs and seconds" },
        { Pos, "nodes = 4", "nodes = 4, degree = 3", "scenario.network.degree: applies to topology = random-regular only" },
        { Pos, "nodes = 4", "nodes = 4, topology = random-regular, degree = 4", "scenario.network.degree: must be in [2, nodes - 1] = [2, 3] for random-regular, got 4" },
        { Pos, "nodes = 4", "nodes = 4, topology = star", "scenario.network.topology: must be full-mesh or random-regular, got 'star'" },
        { Pos, "nodes = 4", "nodes = 2000", "scenario.network.nodes: must be between 1 and 1024, got 2000" },
        { Pos, "nodes = 4", "nodes = 4, loss = 2", "scenario.network.loss: must be a probability in [0, 1], got 2" },
        { Pos, "name = t", "name = t\n miners = [ { node = 0, hashrate = 1 } ]", "scenario.miners: applies to consensus = pow and merge only" },
        { Pos, "name = t", "name = t\n merge.at-height = 5", "scenario.merge: applies to consensus = merge only" },
        { Pos, "{ finalized-epoch-at-least = 5 }", "{ height-at-least = 5 }", "scenario.expect[1].height-at-least: applies to consensus = pow; use finalized-epoch-at-least" },
        { Pow, "{ height-at-least = 20 }", "{ slashed = [] }", "scenario.expect[0].slashed: needs consensus = pos or merge" },
        { Pow, "name = t", "name = t\n validators { count = 2, stake = 32 }", "scenario.validators: applies to consensus = pos and merge only" },
        { Pos, "kind = double-vote, validator = v5", "kind = selfish-mining, node = 0", "scenario.faults[0].kind: selfish-mining is a miner fault: it needs consensus = pow or merge" },
        { Pos, "kind = crash, node = 2,", "kind = late, validator = v2, delay = 0s,", "scenario.faults[1].delay: must be a positive duration, e.g. 3s" },
        { Pos, "{ at = \"epoch 3\", kind = double-vote, validator = v5 }", "crash", "scenario.faults[0]: must be a block { at = \"...\", kind = ..., ... }, got \"crash\"" },
        { Pos, "{ at = \"epoch 3\", kind", "{ kind", "scenario.faults[0].at: missing; when the fault starts, e.g. at = \"epoch 3\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_exactly_one_line_per_mistake(string @base, string find, string replace, string expected)
    {
        @base.Should().Contain(find);
        var text = @base.Replace(find, replace, StringComparison.Ordinal);
        FaultParserTests.ProblemsOf(text).Should().Equal(expected);
    }

    [Fact]
    public void Needs_three_nodes_for_a_random_regular_network()
    {
        FaultParserTests.ProblemsOf("scenario { consensus = pos, stop { epochs = 2 }, validators { count = 2, stake = 32 }, network { nodes = 2, topology = random-regular } }")
            .Should().Equal("scenario.network.topology: random-regular needs at least 3 nodes, got 2; use full-mesh");
    }

    [Fact]
    public void The_bases_are_good_scenarios()
    {
        ScenarioParser.Parse(Pos, "pos.conf").Faults.Should().HaveCount(2);
        ScenarioParser.Parse(Pow, "pow.conf").Faults.Should().ContainSingle();
    }

    [Fact]
    public void Collects_every_mistake_rather_than_the_first()
    {
        var text = Pos.Replace("meen", "x", StringComparison.Ordinal)
            .Replace("latency { mean = 50ms", "latency { meen = 50ms", StringComparison.Ordinal)
            .Replace("validator = v5", "validator = v42", StringComparison.Ordinal)
            .Replace("node = 2, until", "node = 9, until", StringComparison.Ordinal);
        FaultParserTests.ProblemsOf(text).Should().Equal(
            "scenario.network.latency.meen: unknown key (did you mean mean?); allowed: [jitter, mean]",
            $"scenario.faults[0].validator: unknown validator 'v42'; {Validators}",
            "scenario.faults[1].node: unknown node 9; nodes are 0..3");
    }
}
