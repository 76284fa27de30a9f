namespace ActorChain.Simulation.Running;

/// <summary>A run that cannot finish as asked (no merge in time, every node down at the end): one line for the user, exit 1.</summary>
public sealed class SimulationException(string message) : Exception(message);
