using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorChain.Simulation.Scenarios;

/// <summary>A parsed HOCON value: a block, a list, or a literal (Akka's parser keeps no number or boolean types).</summary>
internal abstract record HNode
{
    /// <summary>How a problem quotes this value: a literal as written (quoted unless a number or boolean), a block or list by kind.</summary>
    public abstract string Render();
}

/// <summary>A block <c>{ key = value, ... }</c>, keys in file order.</summary>
internal sealed record HObject(IReadOnlyList<KeyValuePair<string, HNode>> Items) : HNode
{
    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public HNode? Get(string key)
    {
        foreach (var kv in Items)
            if (kv.Key == key) return kv.Value;
        return null;
    }

    /// <summary>True when <paramref name="key"/> is set.</summary>
    public bool Has(string key) => Get(key) is not null;

    /// <summary>The keys, in file order.</summary>
    public IEnumerable<string> Keys => Items.Select(kv => kv.Key);

    /// <inheritdoc />
    public override string Render() =>
        "{" + string.Join(",", Items.Select(kv => HString.Quote(kv.Key) + ":" + kv.Value.Render())) + "}";
}

/// <summary>A list <c>[a, b]</c>.</summary>
internal sealed record HArray(IReadOnlyList<HNode> Elements) : HNode
{
    /// <inheritdoc />
    public override string Render() => "[" + string.Join(",", Elements.Select(e => e.Render())) + "]";
}

/// <summary>A literal, as written (whitespace around it trimmed).</summary>
internal sealed record HString(string Text) : HNode
{
    /// <inheritdoc />
    public override string Render() => IsBareWord(Text) ? Text : Quote(Text);

    /// <summary>True for numbers and booleans, which HOCON writes unquoted.</summary>
    private static bool IsBareWord(string text) =>
        text is "true" or "false" || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary><paramref name="text"/> in double quotes, JSON-escaped.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}

/// <summary>
/// Parses HOCON text with Akka's parser (<see cref="ConfigurationFactory.ParseString(string)"/>) into an
/// <see cref="HNode"/> tree. Akka's parser refuses a comma after a block (<c>stop { epochs = 4 }, network { ... }</c>,
/// valid HOCON) and silently accepts an unterminated string or an unclosed block; a small lexical pass first turns such
/// a comma into a newline and reports the others as not valid HOCON.
/// </summary>
internal static partial class HoconTree
{
    /// <summary>The root block of <paramref name="text"/>; <paramref name="error"/> says why when it is not valid HOCON.</summary>
    public static HObject? Parse(string text, out string? error)
    {
        var fixedText = Prepare(text, out error);
        if (fixedText is null) return null;
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(fixedText, _ => throw new IncludeException());
        }
        catch (IncludeException)
        {
            error = "include is not supported: a scenario is one file";
            return null;
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or InvalidOperationException or ArgumentException
                                      or NullReferenceException or IndexOutOfRangeException)
        {
            // Akka's parser fails on some malformed input with these; a bad file is one line, never a stack trace
            error = Describe(text, e.Message);
            return null;
        }

        if (config.Root is null || config.Root.IsEmpty) return new HObject([]);
        return Convert(config.Root) as HObject ?? new HObject([]);
    }

    /// <summary>Akka's message (<c>Unknown token at position 23: ...</c>) with the position as line and column.</summary>
    private static string Describe(string text, string message)
    {
        var first = message.Split('\n')[0].Trim().TrimEnd(':');
        var m = PositionPattern().Match(first);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pos))
            return first;
        var (line, column) = LineColumn(text, Math.Min(pos, text.Length));
        return $"{first[..m.Index].Trim()} at line {line}, column {column}";
    }

    private static (int Line, int Column) LineColumn(string text, int pos)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < pos; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, pos - lineStart + 1);
    }

    /// <summary>
    /// The text Akka's parser gets: every comma that follows a closing brace becomes a newline (same length, so
    /// positions stay), and null with <paramref name="error"/> for an unterminated string or unbalanced brackets.
    /// </summary>
    private static string? Prepare(string text, out string? error)
    {
        error = null;
        var chars = text.ToCharArray();
        var open = new Stack<(char Bracket, int Pos)>();
        var lastSignificant = -1;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '#' || (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/'))
            {
                while (i + 1 < chars.Length && chars[i + 1] != '\n') i++;
                continue;
            }

            if (c == '"')
            {
                var start = i;
                var triple = i + 2 < chars.Length && chars[i + 1] == '"' && chars[i + 2] == '"';
                i = triple ? SkipTripleQuoted(chars, i) : SkipQuoted(chars, i);
                if (i < 0)
                {
                    var (line, column) = LineColumn(text, start);
                    error = $"a string opened at line {line}, column {column} is never closed";
                    return null;
                }

                lastSignificant = i;
                continue;
            }

            if (c is '{' or '[') open.Push((c, i));
            if (c is '}' or ']')
            {
                var expected = c == '}' ? '{' : '[';
                if (open.Count == 0 || open.Peek().Bracket != expected)
                {
                    var (line, column) = LineColumn(text, i);
                    error = $"unexpected '{c}' at line {line}, column {column}";
                    return null;
                }

                open.Pop();
            }

            if (c == ',' && lastSignificant >= 0 && chars[lastSignificant] == '}') chars[i] = '\n';
            if (!char.IsWhiteSpace(c)) lastSignificant = i;
        }

        if (open.Count > 0)
        {
            var (bracket, pos) = open.Peek();
            var (line, column) = LineColumn(text, pos);
            error = $"'{bracket}' opened at line {line}, column {column} is never closed";
            return null;
        }

        return new string(chars);
    }

    /// <summary>The index of the closing quote of the string opened at <paramref name="start"/>, or -1.</summary>
    private static int SkipQuoted(char[] chars, int start)
    {
        for (var i = start + 1; i < chars.Length; i++)
        {
            if (chars[i] == '\\') i++;
            else if (chars[i] == '"') return i;
            else if (chars[i] == '\n') return -1;
        }

        return -1;
    }

    /// <summary>The index of the last quote closing the triple-quoted string opened at <paramref name="start"/>, or -1.</summary>
    private static int SkipTripleQuoted(char[] chars, int start)
    {
        for (var i = start + 3; i + 2 < chars.Length; i++)
            if (chars[i] == '"' && chars[i + 1] == '"' && chars[i + 2] == '"') return i + 2;
        return -1;
    }

    /// <summary>One value: Akka keeps concatenated pieces (and the whitespace between them) as separate elements.</summary>
    private static HNode Convert(HoconValue value)
    {
        var elements = Elements(value).ToList();
        var structured = elements.Where(e => e is not HoconLiteral).ToList();
        if (structured.Count == 0)
        {
            var text = string.Concat(elements.OfType<HoconLiteral>().Select(l => l.Value)).Trim();
            return new HString(text);
        }

        if (structured.All(e => e is HoconArray))
            return new HArray([.. structured.Cast<HoconArray>().SelectMany(a => a.GetArray()).Select(Convert)]);
        if (structured.All(e => e is HoconObject) && elements.OfType<HoconLiteral>().All(l => string.IsNullOrWhiteSpace(l.Value)))
            return structured.Cast<HoconObject>().Select(ConvertObject).Aggregate(Merge);
        return new HString(string.Concat(elements.OfType<HoconLiteral>().Select(l => l.Value)).Trim());
    }

    private static IEnumerable<IHoconElement> Elements(HoconValue value)
    {
        foreach (var e in value.Values)
        {
            if (e is HoconSubstitution s && s.ResolvedValue is not null)
            {
                foreach (var inner in Elements(s.ResolvedValue)) yield return inner;
            }
            else
            {
                yield return e;
            }
        }
    }

    private static HObject ConvertObject(HoconObject o) =>
        new([.. o.Items.Select(kv => KeyValuePair.Create(kv.Key, Convert(kv.Value)))]);

    /// <summary><paramref name="b"/> over <paramref name="a"/>: blocks merge key by key, anything else replaces.</summary>
    private static HObject Merge(HObject a, HObject b)
    {
        var items = a.Items.ToList();
        foreach (var kv in b.Items)
        {
            var i = items.FindIndex(x => x.Key == kv.Key);
            if (i < 0) items.Add(kv);
            else items[i] = KeyValuePair.Create(kv.Key,
                items[i].Value is HObject x && kv.Value is HObject y ? Merge(x, y) : kv.Value);
        }

        return new HObject(items);
    }

    /// <summary>Thrown by the include callback: scenario files have no includes.</summary>
    private sealed class IncludeException : Exception;

    [GeneratedRegex(@"\s*at position (\d+)")]
    private static partial Regex PositionPattern();
}
