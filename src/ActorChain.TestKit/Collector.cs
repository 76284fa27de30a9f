using Akka.Actor;

namespace ActorChain.TestKit;

/// <summary>
/// A small actor that hands every message it gets to <c>sink</c>. It runs on the conductor's thread, as every actor of a
/// virtual-time system does, so the sink needs no locking.
/// </summary>
internal sealed class Collector : ReceiveActor
{
    /// <summary>An actor that passes what it receives to <paramref name="sink"/>.</summary>
    public Collector(Action<object> sink) => ReceiveAny(sink);

    /// <summary>Props of a collector feeding <paramref name="sink"/>.</summary>
    public static Props Create(Action<object> sink) => Props.Create(() => new Collector(sink));
}
