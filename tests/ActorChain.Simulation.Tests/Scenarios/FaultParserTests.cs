using System.Collections.Immutable;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary>
/// The <c>faults</c> list of a scenario (SIMULATION.md): every kind parses into the faults it injects, and every bad
/// entry is a problem naming its key path and what is wrong; an unknown validator or node is never ignored.
/// </summary>
public sealed class FaultParserTests
{
    internal const string Pos = "name = t, consensus = pos, stop { epochs = 4 }, network { nodes = 4 }, validators { count = 8, stake = 32 }";

    internal const string Pow = """
        name = t, consensus = pow, stop { height = 20 }, network { nodes = 4 }
        miners = [ { node = 0, hashrate = 1000 }, { node = 3, hashrate = 3000 } ]
        """;

    private static Scenario Parse(string @base, string faults) =>
        ScenarioParser.Parse("scenario { " + @base + "\n faults = [ " + faults + " ] }", "test.conf");

    internal static IReadOnlyList<string> Problems(string @base, string faults) =>
        ProblemsOf("scenario { " + @base + "\n faults = [ " + faults + " ] }");

    internal static IReadOnlyList<string> ProblemsOf(string text)
    {
        var act = () => ScenarioParser.Parse(text, "test.conf");
        return act.Should().Throw<ScenarioException>().Which.Problems;
    }

    private static ImmutableArray<Fault> FaultsOf(string @base, string fault)
    {
        var specs = Parse(@base, fault).Faults;
        specs.Should().ContainSingle();
        return specs[0].Faults;
    }

    [Fact]
    public void Parses_every_validator_fault()
    {
        FaultsOf(Pos, "{ at = \"epoch 3\", kind = double-vote, validator = v5 }").Should().Equal(new Fault.DoubleVote("v5"));
        FaultsOf(Pos, "{ at = \"epoch 3\", kind = surround-vote, validator = v6 }").Should().Equal(new Fault.SurroundVote("v6"));
        FaultsOf(Pos, "{ at = \"slot 30\", kind = double-proposal, validator = v3 }").Should().Equal(new Fault.DoubleProposal("v3"));
        FaultsOf(Pos, "{ at = \"epoch 3\", kind = late, validator = v4, delay = 3s, until = \"epoch 6\" }")
            .Should().Equal(new Fault.Late("v4", 3000));
        var offline = Parse(Pos, "{ at = \"epoch 1\", kind = offline, validators = [v1, v2], until = \"second 30\" }").Faults[0];
        offline.Faults.Should().Equal(new Fault.Offline("v1"), new Fault.Offline("v2"));
        offline.At.Should().Be(new ScenarioTime(TimeKind.Epoch, 1));
        offline.Until.Should().Be(new ScenarioTime(TimeKind.Second, 30));
    }

    [Fact]
    public void Parses_every_miner_and_link_fault()
    {
        FaultsOf(Pow, "{ at = \"height 10\", kind = private-chain, node = 3, release = \"height 16\" }")
            .Should().Equal(new Fault.PrivateChain(3, new Fault.ReleaseAt(Fault.ReleaseUnit.Height, 16)));
        FaultsOf(Pow, "{ at = \"second 5\", kind = private-chain, node = 0, release = \"second 60\" }")
            .Should().Equal(new Fault.PrivateChain(0, new Fault.ReleaseAt(Fault.ReleaseUnit.Second, 60)));
        FaultsOf(Pow, "{ at = \"second 5\", kind = private-chain, node = 0, until = \"second 60\" }")
            .Should().Equal(new Fault.PrivateChain(0, null));
        FaultsOf(Pow, "{ at = \"height 3\", kind = selfish-mining, node = 3 }").Should().Equal(new Fault.SelfishMining(3));
        FaultsOf(Pow, "{ at = \"second 5\", kind = partition, groups = [[0, 1], [2, 3]], until = \"second 9\" }")
            .Should().Equal(new Fault.Partition([[0, 1], [2, 3]]));
        FaultsOf(Pow, "{ at = \"second 5\", kind = latency, mean = 2s, jitter = 100ms }")
            .Should().Equal(new Fault.Link(new LinkFault.Latency(2000, 100)));
        FaultsOf(Pow, "{ at = \"second 5\", kind = loss, probability = 0.25 }").Should().Equal(new Fault.Link(new LinkFault.Loss(0.25)));
        FaultsOf(Pow, "{ at = \"second 5\", kind = heal }").Should().Equal(new Fault.Link(new LinkFault.Heal()));
    }

    [Fact]
    public void Keeps_a_fault_without_until_to_the_end_and_the_entry_as_written()
    {
        var spec = Parse(Pos, "{ at = \"epoch 2\", kind = crash, node = 2 }").Faults[0];
        spec.Until.Should().BeNull();
        spec.Kind.Should().Be("crash");
        spec.Description.Should().Be("{\"at\":\"epoch 2\",\"kind\":\"crash\",\"node\":2}");
    }

    [Fact]
    public void Names_an_unknown_validator_or_node()
    {
        Problems(Pos, "{ at = \"epoch 3\", kind = double-vote, validator = v9 }").Should().Equal(
            "scenario.faults[0].validator: unknown validator 'v9'; the validators are v0, v1, v2, v3, v4, v5, v6, v7");
        Problems(Pos, "{ at = \"epoch 3\", kind = offline, validators = [v1, bob] }").Should().Equal(
            "scenario.faults[0].validators: unknown validator 'bob'; the validators are v0, v1, v2, v3, v4, v5, v6, v7");
        Problems(Pow, "{ at = \"height 3\", kind = selfish-mining, node = 4 }")
            .Should().Equal("scenario.faults[0].node: unknown node 4; nodes are 0..3");
        Problems(Pow, "{ at = \"height 3\", kind = private-chain, node = 1, release = \"height 9\" }")
            .Should().Equal("scenario.faults[0].node: node 1 hosts no miner; private-chain needs one (scenario.miners)");
        Problems(Pow, "{ at = \"second 3\", kind = partition, groups = [[0, 9]] }")
            .Should().Equal("scenario.faults[0].groups: unknown node 9; nodes are 0..3");
    }

    [Fact]
    public void Names_what_is_missing_or_wrong_in_each_kind()
    {
        Problems(Pos, "{ at = \"epoch 3\", kind = late, validator = v4 }")
            .Should().Equal("scenario.faults[0].delay: missing; late holds each message back this long, e.g. delay = 3s");
        Problems(Pos, "{ at = \"epoch 3\", kind = double-vote }")
            .Should().Equal("scenario.faults[0]: missing validator = NAME (or validators = [A, B])");
        Problems(Pos, "{ at = \"epoch 3\", kind = double-vote, validator = v1, validators = [v2] }")
            .Should().Equal("scenario.faults[0]: give validator or validators, not both");
        Problems(Pos, "{ at = \"epoch 3\", kind = offline, validator = v1, delay = 2s }")
            .Should().Equal("scenario.faults[0].delay: not a field of offline; allowed: [at, kind, until, validator, validators]");
        Problems(Pos, "{ at = \"epoch 5\", kind = offline, validator = v1, until = \"epoch 2\" }")
            .Should().Equal("scenario.faults[0].until: must be after at (epoch 5), got epoch 2");
        Problems(Pos, "{ at = \"height 5\", kind = offline, validator = v1 }").Should().Equal(
            "scenario.faults[0].at: times in heights need consensus = pow; use \"epoch E\", \"slot S\" or \"second T\"");
        Problems(Pow, "{ at = \"height 3\", kind = private-chain, node = 3 }").Should().Equal(
            "scenario.faults[0].release: missing; when the withheld chain is published: release = \"height H\" or \"second T\" (or give until)");
        Problems(Pow, "{ at = \"height 3\", kind = private-chain, node = 3, release = \"epoch 2\" }")
            .Should().Equal("scenario.faults[0].release: must be \"height H\" or \"second T\", got \"epoch 2\"");
        Problems(Pow, "{ at = \"height 3\", kind = selfish-mining }")
            .Should().Equal("scenario.faults[0].node: missing; the index of the node, 0..3");
        Problems(Pow, "{ at = \"height 3\", kind = bribe, node = 3 }").Should().ContainSingle()
            .Which.Should().StartWith("scenario.faults[0].kind: unknown fault 'bribe'; known: [crash, double-proposal, double-vote,");
    }

    [Fact]
    public void Refuses_faults_the_consensus_cannot_have()
    {
        Problems(Pow, "{ at = \"height 3\", kind = offline, validator = v1 }")
            .Should().Equal("scenario.faults[0].kind: offline is a validator fault: it needs consensus = pos or merge");
        Problems(Pos, "{ at = \"epoch 3\", kind = selfish-mining, node = 0 }")
            .Should().Equal("scenario.faults[0].kind: selfish-mining is a miner fault: it needs consensus = pow or merge");
    }

    [Fact]
    public void Parses_crash_and_names_an_unknown_node()
    {
        FaultsOf(Pos, "{ at = \"epoch 2\", kind = crash, node = 2, until = \"epoch 4\" }").Should().Equal(new Fault.Crash(2));
        Problems(Pos, "{ at = \"epoch 2\", kind = crash, node = 5 }").Should().Equal("scenario.faults[0].node: unknown node 5; nodes are 0..3");
        Problems(Pos, "{ at = \"epoch 2\", kind = crash }").Should().Equal("scenario.faults[0].node: missing; the index of the node, 0..3");
    }

    [Fact]
    public void Compares_until_with_at_across_units_only_where_the_order_is_sure()
    {
        // minimal: 8 slots of 1 s per epoch, so epoch 2 starts at slot 16 and, with pos, no sooner than second 16
        Parse(Pos, "{ at = \"epoch 2\", kind = offline, validator = v1, until = \"slot 17\" }").Faults.Should().ContainSingle();
        Parse(Pos, "{ at = \"epoch 2\", kind = offline, validator = v1, until = \"second 17\" }").Faults.Should().ContainSingle();
        Parse(Pos, "{ at = \"second 100\", kind = offline, validator = v1, until = \"epoch 2\" }").Faults.Should().ContainSingle();
        Problems(Pos, "{ at = \"slot 16\", kind = offline, validator = v1, until = \"epoch 2\" }")
            .Should().Equal("scenario.faults[0].until: must be after at (slot 16), got epoch 2");
    }

    [Fact]
    public void Collects_the_problems_of_every_entry()
    {
        Problems(Pos, """
            { at = "epoch 3", kind = double-vote, validator = v42 }
            { at = "epoch 3", kind = crash, node = 9 }
            """).Should().Equal(
            "scenario.faults[0].validator: unknown validator 'v42'; the validators are v0, v1, v2, v3, v4, v5, v6, v7",
            "scenario.faults[1].node: unknown node 9; nodes are 0..3");
    }
}
