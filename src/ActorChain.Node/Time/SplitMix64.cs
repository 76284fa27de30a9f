namespace ActorChain.Node.Time;

/// <summary>Seeded PRNG written in the project so its stream cannot change with the runtime.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix64 For(ulong scenarioSeed, string stream)
    {
        ulong h = 1469598103934665603UL;                      // FNV-1a of the stream name: no string.GetHashCode
        foreach (var c in stream) { h ^= c; h *= 1099511628211UL; }
        return new SplitMix64(scenarioSeed ^ h);
    }

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(Next() % (ulong)n);
}
