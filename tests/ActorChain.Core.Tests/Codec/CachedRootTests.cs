using ActorChain.Core.Codec;

namespace ActorChain.Core.Tests.Codec;

/// <summary>A root computed once, which leaves a record's value equality and <c>with</c> copies alone.</summary>
public sealed class CachedRootTests
{
    [Fact]
    public void Caches_the_root_of_its_record()
    {
        var v = new Point(1, 2);
        v.Root.Should().Be(Canonical.Root(v));
        v.Root.Should().Be(v.Root);
    }

    [Fact]
    public void Gives_a_copy_made_with_with_its_own_root()
    {
        var a = new Point(1, 2);
        _ = a.Root;
        var b = a with { Y = 3 };

        b.Root.Should().Be(Canonical.Root(new Point(1, 3)));
        a.Root.Should().Be(Canonical.Root(new Point(1, 2)));
    }

    [Fact]
    public void Does_not_change_value_equality()
    {
        var a = new Point(1, 2);
        var b = new Point(1, 2);
        _ = a.Root;

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.ToString().Should().Be(b.ToString());
    }

    private sealed record Point(ulong X, ulong Y) : ICanonical
    {
        private readonly CachedRoot _root = new();

        public Hash32 Root => _root.Get(this);

        public void WriteTo(CanonicalWriter w) => w.U64Le(X).U64Le(Y);
    }
}
