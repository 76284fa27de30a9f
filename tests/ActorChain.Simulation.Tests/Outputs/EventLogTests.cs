using ActorChain.Node.Events;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Outputs;

/// <summary>The event log hands every event to every sink in arrival order, and one failing sink silences no other.</summary>
public sealed class EventLogTests
{
    private sealed class Collect : IEventSink
    {
        public List<string> Seen { get; } = [];

        public void Accept(NodeEvent e) => Seen.Add(e.Type + "@" + e.T);
    }

    private sealed class Broken : IEventSink
    {
        public void Accept(NodeEvent e) => throw new InvalidOperationException("broken sink");
    }

    [Fact]
    public void Feeds_every_sink_in_arrival_order_and_writes_events_jsonl()
    {
        var sys = ActorSystem.Create("eventlog", SimConfig.Config());
        var conductor = new Conductor(sys);
        var first = new Collect();
        var last = new Collect();
        using var stream = new MemoryStream();
        var file = new EventsFile(stream);
        try
        {
            var log = conductor.ActorOf(EventLog.Create([first, new Broken(), file, last]), "events");
            log.Tell(NodeEvent.Of(0, 0, "block_proposed", "slot", 0UL));
            log.Tell(NodeEvent.Of(5, 1, "block_imported", "slot", 0UL));
            log.Tell(NodeEvent.Of(5, -1, "fault_injected", "kind", "crash"));
            conductor.Drain();
            file.Flush();

            first.Seen.Should().Equal("block_proposed@0", "block_imported@5", "fault_injected@5");
            last.Seen.Should().Equal(first.Seen);
            System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Be(
                "{\"t\":0,\"node\":0,\"type\":\"block_proposed\",\"slot\":0}\n" +
                "{\"t\":5,\"node\":1,\"type\":\"block_imported\",\"slot\":0}\n" +
                "{\"t\":5,\"node\":null,\"type\":\"fault_injected\",\"kind\":\"crash\"}\n");
            file.Lines.Should().Be(3);
        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void A_sealed_events_file_takes_no_more_lines()
    {
        using var stream = new MemoryStream();
        using var file = new EventsFile(stream);
        file.Accept(NodeEvent.Of(1, 0, "x"));
        file.Seal();
        file.Accept(NodeEvent.Of(2, 0, "after the run"));

        file.Lines.Should().Be(1);
        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Be("{\"t\":1,\"node\":0,\"type\":\"x\"}\n");
    }
}
