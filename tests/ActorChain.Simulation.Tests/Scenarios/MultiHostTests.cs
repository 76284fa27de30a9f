using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Scenarios;

/// <summary><c>nodes = [0, 1]</c> in <c>validators.list</c>: one validator hosted on several nodes, each node running a copy.</summary>
public sealed class MultiHostTests
{
    [Fact]
    public void Hosts_a_validator_on_every_node_it_names()
    {
        var sc = ScenarioParser.Parse("""
            scenario {
              name = t
              consensus = pos
              stop { epochs = 4 }
              network { nodes = 3 }
              validators { list = [ { name = twice, stake = 32, nodes = [2, 0] }, { name = once, stake = 32, node = 1 }, { name = dflt, stake = 32 } ] }
            }
            """, "t.conf");

        var twice = sc.Validators[0];
        twice.Node.Should().Be(0);
        twice.Nodes.Should().Equal(0, 2);
        sc.Validators[1].Nodes.Should().Equal(1);
        sc.Validators[1].Should().Be(new ValidatorSpec("once", 32_000_000_000, 1), "a single host keeps the record's equality");
        sc.Validators[2].Nodes.Should().Equal(0);

        var specs = RunSetup.NodeSpecs(sc);
        specs[0].Validators.Should().Equal("twice", "dflt");
        specs[1].Validators.Should().Equal("once");
        specs[2].Validators.Should().Equal("twice");
    }
}
