using System.Collections.Immutable;
using System.Text.Json;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>The outcome of one golden case: <see cref="Difference"/> is null when it passed, else starts with <c>file:line: </c>.</summary>
public sealed record GoldenCaseResult(string Family, string Case, string? Difference)
{
    /// <summary>True when the computed outputs equal the expected ones.</summary>
    public bool Passed => Difference is null;
}

/// <summary>
/// Runs golden vector files (<c>FAMILY/cases.jsonl</c>, <c>shared/golden/README.md</c>) through the families found
/// in this assembly. A malformed line or an unknown family is a failed case naming the file and line; nothing throws.
/// </summary>
public static class GoldenRunner
{
    private static readonly Lazy<ImmutableSortedDictionary<string, IGoldenFamily>> AllFamilies = new(Discover);

    /// <summary>Every family this core implements, by folder name.</summary>
    public static ImmutableSortedDictionary<string, IGoldenFamily> Families => AllFamilies.Value;

    /// <summary>Every <c>cases.jsonl</c> below <paramref name="root"/>, in ordinal path order.</summary>
    public static ImmutableArray<string> FindCaseFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "cases.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>Runs one <c>cases.jsonl</c>; its family is the name of the folder holding it.</summary>
    public static IEnumerable<GoldenCaseResult> RunFile(string path)
    {
        var family = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).Name;
        Families.TryGetValue(family, out var impl);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return RunLine(family, impl, path, lineNo, line);
        }
    }

    private static GoldenCaseResult RunLine(string family, IGoldenFamily? impl, string path, int lineNo, string line)
    {
        var where = $"{path}:{lineNo}";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new GoldenCaseResult(family, where, $"{where}: malformed JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("case", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : where;
            if (impl is null)
            {
                return new GoldenCaseResult(family, name, $"{where}: unknown family '{family}' (known: {string.Join(", ", Families.Keys)})");
            }

            try
            {
                var input = GoldenJson.Get(root, "input");
                var expected = GoldenJson.Get(root, "output");
                var actual = impl.Run(name, input, expected);
                return new GoldenCaseResult(family, name, GoldenCompare.FirstDifference(expected, actual) is { } d ? $"{where}: {d}" : null);
            }
            catch (GoldenFormatException e)
            {
                return new GoldenCaseResult(family, name, $"{where}: malformed vector: {e.Message}");
            }
#pragma warning disable CA1031 // one bad case must not stop the run: it is reported as a failure naming the exception
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new GoldenCaseResult(family, name, $"{where}: threw {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static ImmutableSortedDictionary<string, IGoldenFamily> Discover() =>
        typeof(GoldenRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGoldenFamily).IsAssignableFrom(t))
            .Select(t => (IGoldenFamily)Activator.CreateInstance(t)!)
            .ToImmutableSortedDictionary(f => f.Name, f => f, StringComparer.Ordinal);
}
