namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>Who links to whom: the full mesh and the seeded random graph.</summary>
public sealed class TopologyTests
{
    [Fact]
    public void The_full_mesh_links_every_node_to_every_other()
    {
        var mesh = Topology.FullMesh(4);

        mesh.Should().HaveCount(4);
        mesh[2].Should().Equal(0, 1, 3);
    }

    [Fact]
    public void A_random_regular_graph_is_symmetric_connected_of_the_degree_and_seeded()
    {
        var g = Topology.RandomRegular(12, 3, 42);

        for (var i = 0; i < 12; i++)
        {
            g[i].Count.Should().BeGreaterThanOrEqualTo(3);
            g[i].Should().NotContain(i);
            foreach (var j in g[i])
                g[j].Should().Contain(i);
        }
        Reachable(g, 0).Should().Be(12);
        Topology.RandomRegular(12, 3, 42).Select(p => string.Join(",", p)).Should().Equal(g.Select(p => string.Join(",", p)));
    }

    [Fact]
    public void A_degree_below_two_or_of_every_other_node_gives_the_full_mesh()
    {
        Topology.RandomRegular(5, 1, 1).Select(p => p.Count).Should().AllBeEquivalentTo(4);
        Topology.RandomRegular(5, 5, 1).Select(p => p.Count).Should().AllBeEquivalentTo(4);
    }

    private static int Reachable(System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableSortedSet<int>> g, int from)
    {
        var seen = new SortedSet<int> { from };
        var todo = new Queue<int>([from]);
        while (todo.TryDequeue(out var n))
            foreach (var p in g[n])
                if (seen.Add(p))
                    todo.Enqueue(p);
        return seen.Count;
    }
}
