namespace ActorChain.Core.Codec;

/// <summary>
/// A root computed once, for immutable records hashed on hot paths (every attestation's data is hashed at every
/// check). Put one in a record as <c>private readonly CachedRoot _root = new();</c> and expose
/// <c>public Hash32 Root =&gt; _root.Get(this);</c>. It is equal to every other <see cref="CachedRoot"/>, so it never
/// changes the record's value equality; it remembers which instance it hashed, so a copy made with <c>with</c>
/// (which shares the field) recomputes its own root. Thread-safe: racing threads compute the same value.
/// </summary>
public sealed class CachedRoot : IEquatable<CachedRoot>
{
    private Entry? _entry;

    /// <summary>The root of <paramref name="owner"/>, computed on first use.</summary>
    public Hash32 Get<T>(T owner) where T : class, ICanonical
    {
        var e = Volatile.Read(ref _entry);
        if (e is not null && ReferenceEquals(e.Owner, owner))
        {
            return e.Root;
        }

        var root = Canonical.Root(owner);
        Volatile.Write(ref _entry, new Entry(owner, root));
        return root;
    }

    /// <summary>Always true: a cache is not part of a value.</summary>
    public bool Equals(CachedRoot? other) => other is not null;

    /// <summary>True for any other cache.</summary>
    public override bool Equals(object? obj) => obj is CachedRoot;

    /// <summary>The same for every cache.</summary>
    public override int GetHashCode() => 0;

    /// <summary>Empty: a cache is not part of a value.</summary>
    public override string ToString() => string.Empty;

    private sealed class Entry(object owner, Hash32 root)
    {
        public object Owner { get; } = owner;

        public Hash32 Root { get; } = root;
    }
}
