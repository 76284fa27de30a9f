namespace ActorChain.Node.Validators;

/// <summary>
/// A set of validator indices as a bitmap that grows to the largest index added: one bit per validator, so a
/// checkpoint's voters cost 128 bytes per 1,024 validators and adding one never rehashes. Single owner.
/// </summary>
internal sealed class IndexSet
{
    private ulong[] _words = new ulong[16];

    /// <summary>How many indices are in the set.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="index"/>; true if it was not in the set.</summary>
    public bool Add(ulong index)
    {
        var word = checked((int)(index >> 6));
        if (word >= _words.Length)
            Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        var bit = 1UL << (int)(index & 63);
        if ((_words[word] & bit) != 0) return false;
        _words[word] |= bit;
        Count++;
        return true;
    }

    /// <summary>True if <paramref name="index"/> is in the set.</summary>
    public bool Contains(ulong index)
    {
        var word = index >> 6;
        return word < (ulong)_words.Length && (_words[word] & (1UL << (int)(index & 63))) != 0;
    }
}
