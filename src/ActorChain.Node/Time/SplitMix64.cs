namespace ActorChain.Node.Time;

/// <summary>
/// A seeded PRNG written in the project (Steele, Lea and Flood's SplitMix64), so its stream cannot change with the
/// runtime. One generator per actor; never shared between threads.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for the named <paramref name="stream"/> of a scenario seed (FNV-1a of the name, no string.GetHashCode).</summary>
    public static SplitMix64 For(ulong scenarioSeed, string stream)
    {
        ulong h = 1469598103934665603UL;
        foreach (var c in stream) { h ^= c; h *= 1099511628211UL; }
        return new SplitMix64(scenarioSeed ^ h);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n) by a plain modulo (slightly biased for large n; kept for existing streams).</summary>
    public int Next(int n) => (int)(Next() % (ulong)n);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>), unbiased (rejection sampling); <paramref name="bound"/> must be positive.</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        // Accept the largest prefix of [0, 2^64) whose length is a multiple of bound; redraw the tail.
        var limit = ulong.MaxValue - ((ulong.MaxValue % bound) + 1) % bound;
        while (true)
        {
            var r = Next();
            if (r <= limit) return r % bound;
        }
    }
}
