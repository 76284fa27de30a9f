using System.Globalization;
using System.Text;

namespace ActorChain.Simulation.Reports;

/// <summary>One line of a <see cref="Svg.LineChart"/>: a name for the legend and its points, by ascending x.</summary>
public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>One row of a <see cref="Svg.Timeline"/>: a label and its intervals (end null: to the end of the run) and instant marks.</summary>
public sealed record TimelineRow(string Label, IReadOnlyList<(double From, double? To)> Spans, IReadOnlyList<double> Marks);

/// <summary>
/// Hand-written inline SVG charts for report.html: no script, no external asset, every number written with the
/// invariant culture so that the same inputs give the same bytes. Every text is escaped.
/// </summary>
public static class Svg
{
    private const int Width = 760;
    private const int Left = 64;
    private const int Right = 170;
    private const int Top = 28;
    private const int Bottom = 36;

    /// <summary>The line colours, in series order (repeated past the end).</summary>
    public static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A number as SVG and tables write it: at most two decimals, invariant culture.</summary>
    public static string N(double v) => Math.Round(v, 2).ToString("0.##", Inv);

    /// <summary>Escapes text for HTML and SVG content and attribute values.</summary>
    public static string Esc(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var b = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }

    /// <summary>
    /// A line chart: each series a polyline with its points marked, x and y axes with ticks, <paramref name="shade"/>
    /// x ranges drawn as grey bands (e.g. inactivity-leak epochs), <paramref name="rules"/> as dashed horizontal lines.
    /// </summary>
    public static string LineChart(string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        IReadOnlyList<(double From, double To)>? shade = null, IReadOnlyList<(double Y, string Label)>? rules = null,
        double? yMin = null, double? yMax = null, string cssClass = "chart")
    {
        ArgumentNullException.ThrowIfNull(series);
        var pts = series.SelectMany(s => s.Points).ToList();
        var xs = pts.Select(p => p.X).ToList();
        var ys = pts.Select(p => p.Y).Concat(rules?.Select(r => r.Y) ?? []).ToList();
        var x0 = xs.Count == 0 ? 0 : xs.Min();
        var x1 = xs.Count == 0 ? 1 : xs.Max();
        if (shade is not null && shade.Count > 0)
        {
            x0 = Math.Min(x0, shade.Min(s => s.From));
            x1 = Math.Max(x1, shade.Max(s => s.To));
        }

        var y0 = yMin ?? (ys.Count == 0 ? 0 : Math.Min(0, ys.Min()));
        var y1 = yMax ?? (ys.Count == 0 ? 1 : ys.Max());
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;
        var height = 260;
        var plotW = Width - Left - Right;
        var plotH = height - Top - Bottom;
        string X(double x) => N(Left + ((x - x0) / (x1 - x0) * plotW));
        string Y(double y) => N(Top + plotH - ((y - y0) / (y1 - y0) * plotH));

        var b = new StringBuilder();
        b.Append(Inv, $"<svg class=\"{Esc(cssClass)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(title)}\">\n");
        b.Append(Inv, $"<title>{Esc(title)}</title>\n");
        b.Append(Inv, $"<text x=\"{Left}\" y=\"16\" class=\"t\">{Esc(title)}</text>\n");
        foreach (var (from, to) in shade ?? [])
        {
            b.Append(Inv, $"<rect class=\"shade\" x=\"{X(from)}\" y=\"{Top}\" width=\"{N((to - from) / (x1 - x0) * plotW)}\" height=\"{plotH}\" fill=\"#ddd\" fill-opacity=\"0.6\"/>\n");
        }

        Axes(b, x0, x1, y0, y1, X, Y, plotW, plotH, xLabel, yLabel);
        foreach (var (y, label) in rules ?? [])
        {
            b.Append(Inv, $"<line class=\"rule\" x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Y(y)}\" y2=\"{Y(y)}\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>");
            b.Append(Inv, $"<text x=\"{Left + plotW - 2}\" y=\"{N(double.Parse(Y(y), Inv) - 3)}\" text-anchor=\"end\" class=\"s\">{Esc(label)}</text>\n");
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var colour = Palette[i % Palette.Length];
            var dash = s.Dashed ? " stroke-dasharray=\"6 3\"" : "";
            b.Append(Inv, $"<g class=\"series\" data-name=\"{Esc(s.Name)}\">");
            if (s.Points.Count > 1)
            {
                b.Append(Inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash} points=\"");
                b.Append(string.Join(' ', s.Points.Select(p => X(p.X) + "," + Y(p.Y))));
                b.Append("\"/>");
            }

            foreach (var p in s.Points.Count <= 200 ? s.Points : [])
            {
                b.Append(Inv, $"<circle cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"2\" fill=\"{colour}\"><title>{Esc(s.Name)}: {N(p.X)}, {N(p.Y)}</title></circle>");
            }

            b.Append("</g>\n");
            var ly = Top + 4 + (i * 14);
            if (ly < height - 10)
            {
                b.Append(Inv, $"<line x1=\"{Left + plotW + 10}\" x2=\"{Left + plotW + 28}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>");
                b.Append(Inv, $"<text x=\"{Left + plotW + 32}\" y=\"{ly + 4}\" class=\"s\">{Esc(s.Name)}</text>\n");
            }
        }

        b.Append("</svg>\n");
        return b.ToString();
    }

    /// <summary>A grouped bar chart: one group per label, one bar per value name, values in [0, <paramref name="yMax"/>].</summary>
    public static string BarChart(string title, string yLabel, IReadOnlyList<string> valueNames,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> groups, double? yMax = null)
    {
        ArgumentNullException.ThrowIfNull(valueNames);
        ArgumentNullException.ThrowIfNull(groups);
        var height = 260;
        var plotW = Width - Left - Right;
        var plotH = height - Top - Bottom;
        var y1 = yMax ?? Math.Max(1, groups.SelectMany(g => g.Values).DefaultIfEmpty(1).Max() * 1.1);
        string Y(double y) => N(Top + plotH - (y / y1 * plotH));
        var b = new StringBuilder();
        b.Append(Inv, $"<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(title)}\">\n");
        b.Append(Inv, $"<title>{Esc(title)}</title>\n<text x=\"{Left}\" y=\"16\" class=\"t\">{Esc(title)}</text>\n");
        Axes(b, 0, 1, 0, y1, _ => "", Y, plotW, plotH, "", yLabel, xTicks: false);
        var groupW = groups.Count == 0 ? plotW : (double)plotW / groups.Count;
        var barW = groupW * 0.8 / Math.Max(1, valueNames.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var gx = Left + (g * groupW) + (groupW * 0.1);
            for (var v = 0; v < groups[g].Values.Count && v < valueNames.Count; v++)
            {
                var val = groups[g].Values[v];
                var top = double.Parse(Y(val), Inv);
                b.Append(Inv, $"<rect class=\"bar\" x=\"{N(gx + (v * barW))}\" y=\"{N(top)}\" width=\"{N(barW)}\" height=\"{N(Top + plotH - top)}\" fill=\"{Palette[v % Palette.Length]}\"><title>{Esc(groups[g].Label)} {Esc(valueNames[v])}: {N(val)}</title></rect>");
            }

            var every = Math.Max(1, (int)Math.Ceiling(groups.Count / 8.0));
            if (g % every == 0)
                b.Append(Inv, $"<text x=\"{N(gx + (groupW * 0.4))}\" y=\"{Top + plotH + 14}\" text-anchor=\"middle\" class=\"s\">{Esc(groups[g].Label)}</text>\n");
        }

        for (var v = 0; v < valueNames.Count; v++)
        {
            var ly = Top + 4 + (v * 14);
            b.Append(Inv, $"<rect x=\"{Left + plotW + 10}\" y=\"{ly - 5}\" width=\"18\" height=\"10\" fill=\"{Palette[v % Palette.Length]}\"/>");
            b.Append(Inv, $"<text x=\"{Left + plotW + 32}\" y=\"{ly + 4}\" class=\"s\">{Esc(valueNames[v])}</text>\n");
        }

        b.Append("</svg>\n");
        return b.ToString();
    }

    /// <summary>A timeline: one row per entry, its spans as bars and its marks as ticks, over [0, <paramref name="end"/>] on x.</summary>
    public static string Timeline(string title, string xLabel, IReadOnlyList<TimelineRow> rows, double end)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const int rowH = 18;
        var labelW = 250;
        var plotW = Width - labelW - 20;
        var height = Top + (rows.Count * rowH) + Bottom;
        var x1 = Math.Max(end, 1);
        string X(double x) => N(labelW + (Math.Clamp(x, 0, x1) / x1 * plotW));
        var b = new StringBuilder();
        b.Append(Inv, $"<svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Esc(title)}\">\n");
        b.Append(Inv, $"<title>{Esc(title)}</title>\n<text x=\"4\" y=\"16\" class=\"t\">{Esc(title)}</text>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = Top + (i * rowH);
            var colour = Palette[i % Palette.Length];
            b.Append(Inv, $"<g class=\"row\"><text x=\"{labelW - 6}\" y=\"{y + 12}\" text-anchor=\"end\" class=\"s\">{Esc(Clip(r.Label, 42))}<title>{Esc(r.Label)}</title></text>");
            foreach (var (from, to) in r.Spans)
            {
                var a = double.Parse(X(from), Inv);
                var z = double.Parse(X(to ?? x1), Inv);
                b.Append(Inv, $"<rect class=\"span\" x=\"{N(a)}\" y=\"{y + 3}\" width=\"{N(Math.Max(1.5, z - a))}\" height=\"{rowH - 6}\" fill=\"{colour}\" fill-opacity=\"0.7\"><title>{Esc(r.Label)}: {N(from)} – {(to is { } t ? N(t) : "end")}</title></rect>");
            }

            foreach (var m in r.Marks)
            {
                b.Append(Inv, $"<path class=\"mark\" d=\"M{X(m)} {y + 2}l-4 7l4 7l4 -7z\" fill=\"{colour}\"><title>{Esc(r.Label)}: {N(m)}</title></path>");
            }

            b.Append("</g>\n");
        }

        var axisY = Top + (rows.Count * rowH) + 2;
        b.Append(Inv, $"<line x1=\"{labelW}\" x2=\"{labelW + plotW}\" y1=\"{axisY}\" y2=\"{axisY}\" stroke=\"#333\"/>");
        foreach (var t in Ticks(0, x1))
        {
            b.Append(Inv, $"<line x1=\"{X(t)}\" x2=\"{X(t)}\" y1=\"{axisY}\" y2=\"{axisY + 4}\" stroke=\"#333\"/><text x=\"{X(t)}\" y=\"{axisY + 15}\" text-anchor=\"middle\" class=\"s\">{N(t)}</text>");
        }

        b.Append(Inv, $"\n<text x=\"{labelW + (plotW / 2)}\" y=\"{height - 4}\" text-anchor=\"middle\" class=\"s\">{Esc(xLabel)}</text>\n</svg>\n");
        return b.ToString();
    }

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static void Axes(StringBuilder b, double x0, double x1, double y0, double y1, Func<double, string> x, Func<double, string> y,
        int plotW, int plotH, string xLabel, string yLabel, bool xTicks = true)
    {
        b.Append(Inv, $"<g class=\"axes\"><line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>");
        b.Append(Inv, $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>");
        foreach (var t in Ticks(y0, y1))
        {
            b.Append(Inv, $"<line x1=\"{Left - 4}\" x2=\"{Left + plotW}\" y1=\"{y(t)}\" y2=\"{y(t)}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{N(double.Parse(y(t), Inv) + 4)}\" text-anchor=\"end\" class=\"s\">{Short(t)}</text>");
        }

        if (xTicks)
        {
            foreach (var t in Ticks(x0, x1))
            {
                b.Append(Inv, $"<line x1=\"{x(t)}\" x2=\"{x(t)}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH + 4}\" stroke=\"#333\"/><text x=\"{x(t)}\" y=\"{Top + plotH + 15}\" text-anchor=\"middle\" class=\"s\">{Short(t)}</text>");
            }
        }

        b.Append(Inv, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Top + plotH + 30}\" text-anchor=\"middle\" class=\"s\">{Esc(xLabel)}</text>");
        b.Append(Inv, $"<text transform=\"translate(14 {Top + (plotH / 2)}) rotate(-90)\" text-anchor=\"middle\" class=\"s\">{Esc(yLabel)}</text></g>\n");
    }

    /// <summary>A tick label: large numbers shortened with k/M/G.</summary>
    private static string Short(double v) => Math.Abs(v) switch
    {
        >= 1e9 => N(v / 1e9) + "G",
        >= 1e6 => N(v / 1e6) + "M",
        >= 1e4 => N(v / 1e3) + "k",
        _ => N(v),
    };

    /// <summary>About five round ticks covering [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static IReadOnlyList<double> Ticks(double lo, double hi)
    {
        var span = hi - lo;
        if (span <= 0) return [lo];
        var raw = span / 5;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / mag) switch { <= 1 => mag, <= 2 => 2 * mag, <= 5 => 5 * mag, _ => 10 * mag };
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + (step * 1e-9); t += step) ticks.Add(Math.Round(t, 10));
        return ticks;
    }
}
