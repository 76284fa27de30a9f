namespace ActorChain.Cli.Bench;

/// <summary>Medians of benchmark runs: these machines are small and noisy, so the README quotes medians.</summary>
public static class BenchStats
{
    /// <summary>The median of the values (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
