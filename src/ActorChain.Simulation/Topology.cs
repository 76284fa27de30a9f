using System.Collections.Immutable;
using ActorChain.Node.Time;

namespace ActorChain.Simulation;

/// <summary>Who links to whom in an embedded network (SIMULATION.md, <c>network.topology</c>): node i's peers at index i.</summary>
public static class Topology
{
    /// <summary>Every node links to every other.</summary>
    public static ImmutableArray<ImmutableSortedSet<int>> FullMesh(int nodes) =>
        [.. Enumerable.Range(0, nodes).Select(i => Enumerable.Range(0, nodes).Where(j => j != i).ToImmutableSortedSet())];

    /// <summary>
    /// A connected random graph in which every node has at least <paramref name="degree"/> peers: a ring for
    /// connectivity, then seeded random chords until each node reaches the degree. Links are symmetric. A degree below 2
    /// or not below the node count gives the full mesh.
    /// </summary>
    public static ImmutableArray<ImmutableSortedSet<int>> RandomRegular(int nodes, int degree, ulong seed)
    {
        if (degree < 2 || degree >= nodes)
            return FullMesh(nodes);
        var peers = Enumerable.Range(0, nodes).Select(_ => new SortedSet<int>()).ToList();
        for (var i = 0; i < nodes; i++)
            Connect(peers, i, (i + 1) % nodes);
        var random = new SplitMix64(seed);
        for (var i = 0; i < nodes; i++)
        {
            var guard = 0;
            while (peers[i].Count < degree && guard++ < nodes * 8)
            {
                var j = random.Next(nodes);
                if (j != i && peers[j].Count < degree)
                    Connect(peers, i, j);
            }
        }
        return [.. peers.Select(p => p.ToImmutableSortedSet())];
    }

    private static void Connect(List<SortedSet<int>> g, int a, int b)
    {
        g[a].Add(b);
        g[b].Add(a);
    }
}
