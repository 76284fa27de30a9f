using ActorChain.Simulation.Running;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>Faults at a PoW height: handed out once the chain reaches it, lowest height first, each once.</summary>
public sealed class HeightScheduleTests
{
    [Fact]
    public void Hands_out_what_a_height_reached_covers_in_height_then_insertion_order_and_only_once()
    {
        var schedule = new HeightSchedule<string>();
        schedule.Add(12, "c");
        schedule.Add(10, "a");
        schedule.Add(10, "b");
        schedule.Add(20, "d");

        schedule.Reached(9).Should().BeEmpty();
        schedule.Reached(15).Should().Equal("a", "b", "c");
        schedule.Reached(15).Should().BeEmpty("what was handed out is forgotten");
        schedule.Reached(30).Should().Equal("d");
    }
}
