using ActorChain.Node.Faults;
using ActorChain.Node.Network;

namespace ActorChain.Node;

/// <summary>
/// What is wrong with a fault before it reaches an actor (Java <c>Fault.validate</c>). Names (which validators and nodes
/// exist) are checked by whoever routes the fault.
/// </summary>
public static class FaultProblems
{
    /// <summary>The problem with <paramref name="fault"/>, naming what is wrong, or null when it is well formed.</summary>
    public static string? Of(Fault? fault) => fault switch
    {
        null => "no fault given",
        ValidatorFault v when string.IsNullOrWhiteSpace(v.Validator) => v.Kind + " needs a validator name",
        Fault.Late l when l.DelayMillis <= 0 => $"late needs a positive delay, got {l.DelayMillis} ms",
        NodeFault n when n.Node < 0 => $"{n.Kind} needs a node index ≥ 0, got {n.Node}",
        Fault.Link { Fault: null or LinkFault.Clear } => "a link fault is latency, loss, partition or heal; to end one, clear it",
        Fault.Link l => l.Fault.Problem,
        Fault.Partition p => GroupsProblem(p),
        _ => null,
    };

    private static string? GroupsProblem(Fault.Partition p)
    {
        if (p.Groups.IsDefaultOrEmpty)
            return "partition needs groups of node indices, e.g. [[0, 1], [2, 3]]";
        var seen = new SortedSet<int>();
        foreach (var g in p.Groups)
        {
            if (g.IsDefault)
                return "partition groups are lists of node indices, got null";
            foreach (var n in g)
            {
                if (n < 0)
                    return $"partition groups name nodes by index ≥ 0, got {n}";
                if (!seen.Add(n))
                    return $"node {n} is in two partition groups";
            }
        }
        return null;
    }
}
