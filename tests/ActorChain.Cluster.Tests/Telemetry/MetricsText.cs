using System.Globalization;
using System.Text.RegularExpressions;
using ActorChain.Cluster.Telemetry;

namespace ActorChain.Cluster.Tests.Telemetry;

/// <summary>Reads samples out of a registry's Prometheus text.</summary>
internal static partial class MetricsText
{
    /// <summary>The text of <paramref name="metrics"/>'s registry.</summary>
    public static string Of(NodeMetrics metrics) => metrics.ExportTextAsync().GetAwaiter().GetResult();

    /// <summary>The value of the sample <paramref name="name"/> with (at least) <paramref name="labels"/>, or null when absent.</summary>
    public static double? Value(NodeMetrics metrics, string name, params (string Key, string Value)[] labels) =>
        Value(Of(metrics), name, labels);

    /// <summary>The value of the sample <paramref name="name"/> with (at least) <paramref name="labels"/> in <paramref name="text"/>, or null.</summary>
    public static double? Value(string text, string name, params (string Key, string Value)[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            var m = Sample().Match(line);
            if (!m.Success || m.Groups["name"].Value != name) continue;
            var have = m.Groups["labels"].Value;
            if (labels.All(l => have.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>The metric families (<c># TYPE</c> lines) in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Families(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])];

    [GeneratedRegex("""^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)$""")]
    private static partial Regex Sample();
}
