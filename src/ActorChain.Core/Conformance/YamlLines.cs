using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ActorChain.Core.Conformance;

/// <summary>
/// A tiny reader for the flat <c>KEY: value</c> lines of a consensus-specs preset file (<c>config/phase0.yaml</c>).
/// Blank lines and <c>#</c> comments are skipped; a value may be quoted. Anything else (nesting, lists, a repeated
/// key) is an error naming the line, since this is not a YAML parser.
/// </summary>
public static partial class YamlLines
{
    /// <summary>The keys and raw values in file order (quotes removed), or null and an error naming the line.</summary>
    public static ImmutableArray<KeyValuePair<string, string>>? Parse(string text, out string? error)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? string.Empty : line[..colon].Trim();
            if (colon < 0 || !KeyPattern().IsMatch(key) || char.IsWhiteSpace(lines[i][0]))
            {
                error = $"line {i + 1}: expected 'KEY: value', got '{lines[i]}'";
                return null;
            }

            if (!seen.Add(key))
            {
                error = $"line {i + 1}: {key} is set twice";
                return null;
            }

            result.Add(new(key, Unquote(line[(colon + 1)..].Trim())));
        }

        error = null;
        return result.ToImmutable();
    }

    private static string StripComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '#' && !quoted && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && ((v[0] == '"' && v[^1] == '"') || (v[0] == '\'' && v[^1] == '\'')) ? v[1..^1] : v;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
