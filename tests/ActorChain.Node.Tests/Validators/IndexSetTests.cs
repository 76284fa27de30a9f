using ActorChain.Node.Validators;

namespace ActorChain.Node.Tests.Validators;

/// <summary>A checkpoint's voters: a bitmap of validator indices that grows to the largest one.</summary>
public sealed class IndexSetTests
{
    [Fact]
    public void Counts_each_index_once()
    {
        var set = new IndexSet();
        set.Add(3).Should().BeTrue();
        set.Add(3).Should().BeFalse();
        set.Add(64).Should().BeTrue();
        set.Count.Should().Be(2);
        set.Contains(3).Should().BeTrue();
        set.Contains(4).Should().BeFalse();
    }

    [Fact]
    public void Grows_past_its_first_words_and_keeps_what_it_held()
    {
        var set = new IndexSet();
        for (ulong i = 0; i < 20_000; i += 3) set.Add(i).Should().BeTrue();
        set.Count.Should().Be(6667);
        for (ulong i = 0; i < 20_000; i++) set.Contains(i).Should().Be(i % 3 == 0, "index {0}", i);
        set.Contains(1UL << 40).Should().BeFalse("an index far past the bitmap is not in it");
    }
}
