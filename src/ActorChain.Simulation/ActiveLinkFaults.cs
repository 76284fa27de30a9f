using System.Collections.Immutable;
using ActorChain.Node;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Simulation;

/// <summary>
/// The link faults in force on an embedded network (a partition, and latency, loss or partition on every link), so that
/// a node restarted after a crash gets them on its new links, both ways: its links are new actors, which start from the
/// configured settings. A plain helper of <see cref="EmbeddedNetwork"/>, touched only on its turn.
/// </summary>
internal sealed class ActiveLinkFaults
{
    /// <summary>The groups of the partition in force, or null.</summary>
    private ImmutableArray<ImmutableSortedSet<int>>? _partition;

    /// <summary>Link faults on every link, by kind; a new fault of a kind replaces the one before, as on the links.</summary>
    private readonly SortedDictionary<string, LinkFault> _everyLink = new(StringComparer.Ordinal);

    /// <summary>A partition into <paramref name="groups"/> is in force.</summary>
    public void Partitioned(ImmutableArray<ImmutableSortedSet<int>> groups) => _partition = groups;

    /// <summary>A heal lifts the partition and puts every link back to its configured settings.</summary>
    public void Healed()
    {
        _partition = null;
        _everyLink.Clear();
    }

    /// <summary><paramref name="fault"/> was injected into (<paramref name="inject"/>) or cleared from every node.</summary>
    public void OnEveryNode(Fault fault, bool inject)
    {
        if (fault is Fault.Partition)
        {
            if (!inject)
            { // a link lifts every partition on it when one is cleared
                _partition = null;
                _everyLink.Remove("partition");
            }
        }
        else if (fault is Fault.Link l && l.Fault is not LinkFault.Heal)
        {
            if (inject)
            {
                _everyLink[l.Kind] = l.Fault;
                return;
            }
            _everyLink.Remove(l.Kind);
            if (l.Fault is LinkFault.Partition)
                _partition = null;
        }
    }

    /// <summary><paramref name="fault"/> was applied to every link of every node (<see cref="EmbeddedNetwork.AllLinks"/>).</summary>
    public void OnAllLinks(LinkFault fault)
    {
        switch (fault)
        {
            case LinkFault.Heal:
                Healed();
                break;
            case LinkFault.Clear { Kind: "partition" }:
                _everyLink.Remove("partition");
                _partition = null;
                break;
            case LinkFault.Clear c:
                _everyLink.Remove(c.Kind);
                break;
            default:
                _everyLink[new Fault.Link(fault).Kind] = fault;
                break;
        }
    }

    /// <summary>Whether nodes <paramref name="a"/> and <paramref name="b"/> are on different sides of the partition in force.</summary>
    public bool Cut(int a, int b)
    {
        if (_partition is not { } groups)
            return false;
        var ga = GroupOf(groups, a);
        var gb = GroupOf(groups, b);
        return ga < 0 || gb < 0 || ga != gb;
    }

    /// <summary>The group of <paramref name="node"/> in <paramref name="groups"/>, or -1.</summary>
    private static int GroupOf(ImmutableArray<ImmutableSortedSet<int>> groups, int node)
    {
        for (var g = 0; g < groups.Length; g++)
            if (groups[g].Contains(node))
                return g;
        return -1;
    }

    /// <summary>
    /// Applies what is in force to the links between <paramref name="restarted"/> and each live peer, both ways. Call
    /// after the <c>Connect</c>s: a guardian handles its messages in order, so the links exist by then.
    /// </summary>
    public void Reapply(int restarted, IActorRef node, IReadOnlyDictionary<int, IActorRef> peers)
    {
        foreach (var (peer, guardian) in peers.OrderBy(p => p.Key))
        {
            if (peer == restarted)
                continue;
            foreach (var f in _everyLink.Values)
            {
                node.Tell(new NodeGuardian.ApplyLinkFault(peer, f));
                guardian.Tell(new NodeGuardian.ApplyLinkFault(restarted, f));
            }
            if (Cut(restarted, peer))
            {
                node.Tell(new NodeGuardian.ApplyLinkFault(peer, new LinkFault.Partition()));
                guardian.Tell(new NodeGuardian.ApplyLinkFault(restarted, new LinkFault.Partition()));
            }
        }
    }
}
