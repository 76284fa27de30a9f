using Akka.Actor;

namespace ActorChain.Node;

/// <summary>
/// How a <see cref="NodeGuardian"/> supervises its children, by intent (STYLE.md §9): a link restarts; the slasher
/// resumes (a message it fails on is dropped and it keeps its history); the chain, mempool, sync and consensus actors
/// stop, and the guardian, which watches them, stops the node and says why. The last failure of each child is kept for
/// that message.
/// </summary>
internal sealed class NodeSupervision() : OneForOneStrategy(_ => Directive.Stop)
{
    private readonly SortedDictionary<string, string> _lastFailure = new(StringComparer.Ordinal);

    /// <summary>Why child <paramref name="name"/> failed last, or "stopped" when it did not fail.</summary>
    public string WhyStopped(string name) => _lastFailure.GetValueOrDefault(name, "stopped");

    /// <inheritdoc />
    protected override Directive Handle(IActorRef child, Exception exception)
    {
        var name = child.Path.Name;
        _lastFailure[name] = exception.GetType().Name + ": " + exception.Message;
        if (PeerLinks.IsLink(child))
            return Directive.Restart;
        return name == "slasher" ? Directive.Resume : Directive.Stop;
    }
}
