using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary>
/// One fault outside a scenario, as <c>POST /api/faults</c> takes it (<see cref="FaultEntry"/>): the scenario's kinds,
/// fields and checks, without <c>at</c>, with <c>until</c> as a duration, validators from the genesis and nodes by any
/// id; a clear only names the fault.
/// </summary>
public sealed class FaultEntryTests
{
    private static readonly string[] _genesis = ["v0", "v1", "v2", "v3"];

    private static FaultEntry Inject(string json) => FaultEntry.Parse(json, "fault", _genesis, false);

    private static FaultEntry Clear(string json) => FaultEntry.Parse(json, "fault", _genesis, true);

    [Fact]
    public void Parses_the_scenario_kinds_with_until_as_a_duration()
    {
        var late = Inject("""{"kind": "late", "validator": "v2", "delay": "3s", "until": "30s"}""");
        late.Problems.Should().BeEmpty();
        late.Faults.Should().Equal(new Fault.Late("v2", 3000));
        late.UntilMillis.Should().Be(30_000L);
        Inject("""{"kind": "partition", "groups": [[1, 2], [3, 17]]}""").Faults.Should().Equal(new Fault.Partition([[1, 2], [3, 17]]));
        Inject("""{"kind": "latency", "mean": "2s"}""").Faults.Should().Equal(new Fault.Link(new LinkFault.Latency(2000, 0)));
        Inject("""{"kind": "private-chain", "node": 12, "until": "1m"}""").Faults.Should().Equal(new Fault.PrivateChain(12, null));
        Inject("""{"kind": "offline", "validators": ["v1", "v3"]}""").Faults.Should().Equal(new Fault.Offline("v1"), new Fault.Offline("v3"));
    }

    [Fact]
    public void Names_each_problem_by_its_field()
    {
        Inject("""{"kind": "double-vote", "validator": "v9"}""").Problems
            .Should().Equal("fault.validator: validator v9 is not in the genesis; the validators are v0, v1, v2, v3");
        Inject("""{"kind": "offline", "validator": "v1", "at": "epoch 3"}""").Problems
            .Should().Equal("fault.at: not a field of offline; allowed: [kind, until, validator, validators]");
        Inject("""{"kind": "offline", "validator": "v1", "until": "0s"}""").Problems
            .Should().Equal("fault.until: must be a positive duration such as 30s, got \"0s\"");
        Inject("""{"kind": "selfish-mining", "node": -1}""").Problems.Should().Equal("fault.node: a node is named by its id ≥ 0, got -1");
        Inject("""{"validator": "v1"}""").Problems.Should().ContainSingle().Which.Should().StartWith("fault.kind: missing; known: [crash,");
    }

    [Fact]
    public void Only_needs_the_name_of_a_fault_to_clear()
    {
        var late = Clear("""{"kind": "late", "validator": "v2"}""");
        late.Problems.Should().BeEmpty();
        late.Faults.Should().ContainSingle().Which.Should().BeOfType<Fault.Late>().Which.Validator.Should().Be("v2");
        Clear("""{"kind": "partition"}""").Problems.Should().BeEmpty();
        Clear("""{"kind": "latency"}""").Problems.Should().BeEmpty();
        Clear("""{"kind": "private-chain", "node": 3}""").Problems.Should().BeEmpty();
        Clear("""{"kind": "offline"}""").Problems.Should().Equal("fault: missing validator = NAME (or validators = [A, B])");
    }

    [Fact]
    public void Says_when_the_entry_is_not_json()
    {
        Inject("""{"kind": "late", "validator": "v2""").Problems.Should().ContainSingle().Which.Should().StartWith("fault: not valid JSON: ");
    }
}
