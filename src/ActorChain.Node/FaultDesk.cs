using System.Collections.Immutable;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node;

/// <summary>
/// The faults a node holds as active: <see cref="Hold"/> injects one through the node's own <c>InjectFault</c> path,
/// keeps it, and clears it when its <c>until</c> elapses on the node's timers. (Java's cluster-wide routing, FaultRoute,
/// is part 4.) A plain helper its <see cref="NodeGuardian"/> owns; it runs only on the guardian's turn.
/// </summary>
public sealed class FaultDesk
{
    /// <summary>How long the node's own actors have to say whether they took a fault.</summary>
    internal static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Inject <paramref name="Fault"/> here and hold it as active; clear it after <paramref name="UntilMillis"/> if not null. Replies a <see cref="NodeAnswer"/>.</summary>
    public sealed record Hold(Fault Fault, long? UntilMillis, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>End the fault held here that <paramref name="Fault"/> names (its kind, and its validator or node). Replies a <see cref="NodeAnswer"/>.</summary>
    public sealed record Release(Fault Fault, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the <see cref="ActiveFaults"/> held here.</summary>
    public sealed record GetActive(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The faults held on <paramref name="Node"/>, in key order.</summary>
    public sealed record ActiveFaults(int Node, ImmutableArray<ActiveFault> Faults) : INoSerializationVerificationNeeded;

    /// <summary>A fault held since <paramref name="SinceMillis"/> (the node's clock), until <paramref name="UntilMillis"/> or until cleared.</summary>
    public sealed record ActiveFault(Fault Fault, long SinceMillis, long? UntilMillis);

    /// <summary>What one node did with a <see cref="Hold"/> or <see cref="Release"/>.</summary>
    public enum Outcome
    {
        /// <summary>Taken.</summary>
        Accepted,

        /// <summary>Refused; the detail says why.</summary>
        Refused,

        /// <summary>Not this node's to take: it does not host the validator, or holds no such fault.</summary>
        NotHere,
    }

    /// <summary>A node's answer to a <see cref="Hold"/> or <see cref="Release"/>.</summary>
    public sealed record NodeAnswer(int Node, Outcome Outcome, string Detail) : INoSerializationVerificationNeeded;

    internal sealed record Injected(Hold Hold, FaultReply? Reply) : INoSerializationVerificationNeeded;

    internal sealed record Cleared(Release Release, Held Held, FaultReply? Reply) : INoSerializationVerificationNeeded;

    internal sealed record UntilDue(string Key, long Generation) : INoSerializationVerificationNeeded;

    /// <summary>A fault held here, and which hold it was (a timer of an older one is ignored).</summary>
    internal sealed record Held(ActiveFault Active, long Generation);

    private readonly IActorContext _context;
    private readonly ITimerScheduler _timers;
    private readonly NodeContext _node;
    private readonly NodeSpec _spec;
    private readonly ILoggingAdapter _log;
    private readonly SortedDictionary<string, Held> _held = new(StringComparer.Ordinal);
    private long _generations;

    internal FaultDesk(IActorContext context, ITimerScheduler timers, NodeContext node, NodeSpec spec)
    {
        _context = context;
        _timers = timers;
        _node = node;
        _spec = spec;
        _log = context.GetLogger();
    }

    /// <summary>What a fault is held under: one behaviour per validator and kind, one per node, one per link-fault kind.</summary>
    public static string KeyOf(Fault fault) => fault switch
    {
        ValidatorFault v => v.Kind + " " + v.Validator,
        NodeFault n => n.Kind + " node " + n.Node,
        _ => fault.Kind,
    };

    /// <summary>The fault as a clear names it, without its values: <c>late fault of validator v4</c>, <c>partition fault</c>.</summary>
    public static string SubjectOf(Fault fault) => fault switch
    {
        ValidatorFault v => $"{v.Kind} fault of validator {v.Validator}",
        NodeFault n => $"{n.Kind} fault of node {n.Node}",
        _ => fault.Kind + " fault",
    };

    internal void OnGetActive(GetActive g) =>
        g.ReplyTo.Tell(new ActiveFaults(_node.NodeId, [.. _held.Values.Select(h => h.Active)]));

    internal void OnHold(Hold h)
    {
        var fault = h.Fault;
        if (fault is ValidatorFault v && !_spec.Validators.Contains(v.Validator))
        {
            Answer(h.ReplyTo, Outcome.NotHere, $"validator {v.Validator} is not hosted on node {_node.NodeId}");
            return;
        }
        if (fault is NodeFault n && n.Node != _node.NodeId)
        {
            Answer(h.ReplyTo, Outcome.NotHere, $"{fault.Kind} names node {n.Node}; this is node {_node.NodeId}");
            return;
        }
        if (fault is Fault.Partition && _held.TryGetValue(KeyOf(fault), out var before))
            _context.Self.Tell(new NodeGuardian.ClearFault(before.Active.Fault, ActorRefs.Nobody)); // its cut links must not stay cut
        var relay = _context.ActorOf(ReplyRelay.Create(_context.Self, r => new Injected(h, r as FaultReply), LocalTimeout));
        _context.Self.Tell(new NodeGuardian.InjectFault(fault, relay));
    }

    internal void OnInjected(Injected i)
    {
        var fault = i.Hold.Fault;
        if (i.Reply is not { Accepted: true } reply)
        {
            Answer(i.Hold.ReplyTo, Outcome.Refused, i.Reply?.Detail
                ?? $"node {_node.NodeId} did not take {fault.Describe()} in time");
            return;
        }
        if (fault is Fault.Link { Fault: LinkFault.Heal })
            foreach (var kind in (string[])["partition", "latency", "loss"])
                Drop(kind); // a heal ends every link fault
        else
            Keep(fault, i.Hold.UntilMillis);
        var until = i.Hold.UntilMillis;
        _node.Emit("fault_injected", "kind", fault.Kind, "fault", fault.Describe(), "untilMillis", until);
        Answer(i.Hold.ReplyTo, Outcome.Accepted, reply.Detail + (until is null ? "" : $", cleared in {until} ms"));
    }

    internal void OnRelease(Release r)
    {
        if (!_held.TryGetValue(KeyOf(r.Fault), out var h))
        {
            Answer(r.ReplyTo, Outcome.NotHere, $"no {SubjectOf(r.Fault)} is active on node {_node.NodeId}");
            return;
        }
        var relay = _context.ActorOf(ReplyRelay.Create(_context.Self, x => new Cleared(r, h, x as FaultReply), LocalTimeout));
        _context.Self.Tell(new NodeGuardian.ClearFault(h.Active.Fault, relay));
    }

    internal void OnCleared(Cleared c)
    {
        var held = c.Held;
        var fault = held.Active.Fault;
        if (c.Reply is not { Accepted: true } reply)
        {
            Answer(c.Release.ReplyTo, Outcome.Refused, c.Reply?.Detail
                ?? $"node {_node.NodeId} did not clear {fault.Describe()} in time");
            return;
        }
        var key = KeyOf(fault);
        if (_held.TryGetValue(key, out var now) && ReferenceEquals(now, held))
            Drop(key);
        _node.Emit("fault_cleared", "kind", fault.Kind, "fault", fault.Describe(), "reason", "api");
        Answer(c.Release.ReplyTo, Outcome.Accepted, reply.Detail);
    }

    internal void OnUntilDue(UntilDue u)
    {
        if (!_held.TryGetValue(u.Key, out var h) || h.Generation != u.Generation)
            return; // cleared or replaced since
        _held.Remove(u.Key);
        var fault = h.Active.Fault;
        _log.Info("node {0}: {1} ends: its until elapsed", _node.NodeId, fault.Describe());
        _context.Self.Tell(new NodeGuardian.ClearFault(fault, ActorRefs.Nobody));
        _node.Emit("fault_cleared", "kind", fault.Kind, "fault", fault.Describe(), "reason", "until");
    }

    /// <summary>Holds <paramref name="fault"/>, replacing what it supersedes: a validator or a node has one fault behaviour at a time.</summary>
    private void Keep(Fault fault, long? untilMillis)
    {
        foreach (var (key, old) in _held.ToList())
        {
            var sameValidator = fault is ValidatorFault v && old.Active.Fault is ValidatorFault o && v.Validator == o.Validator;
            var sameMiners = fault is PowFault && old.Active.Fault is PowFault;
            if (sameValidator || sameMiners || key == KeyOf(fault))
                Drop(key);
        }
        var generation = ++_generations;
        var k = KeyOf(fault);
        var now = _node.Clock.NowMillis;
        if (untilMillis is { } until)
            _timers.StartSingleTimer(TimerKey(k), new UntilDue(k, generation), TimeSpan.FromMilliseconds(until));
        _held[k] = new Held(new ActiveFault(fault, now, untilMillis is { } u ? now + u : null), generation);
    }

    private void Drop(string key)
    {
        if (_held.Remove(key))
            _timers.Cancel(TimerKey(key));
    }

    private static string TimerKey(string key) => "fault-until " + key;

    private void Answer(IActorRef replyTo, Outcome outcome, string detail)
    {
        _log.Info("node {0}: fault {1}: {2}", _node.NodeId, outcome.ToString().ToLowerInvariant(), detail);
        replyTo.Tell(new NodeAnswer(_node.NodeId, outcome, detail));
    }
}
