using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// Something that takes every <see cref="NodeEvent"/> of a run from the <see cref="EventLog"/>, in arrival order, on the
/// log's own thread (in virtual time: the conductor's thread, so a sink needs no lock and is read once the run is idle).
/// </summary>
public interface IEventSink
{
    /// <summary>Takes one event.</summary>
    void Accept(NodeEvent e);
}
