using ActorChain.Node.Events;

namespace ActorChain.TestKit;

/// <summary>Typed reads of an event's fields (events keep the numeric type they were emitted with).</summary>
public static class NodeEventFields
{
    /// <summary>A numeric field as a long; throws when it is missing or not a number.</summary>
    public static long Long(this NodeEvent e, string field) => e[field] switch
    {
        long l => l,
        ulong u => checked((long)u),
        int i => i,
        uint u => u,
        double d => (long)d,
        var other => throw new InvalidOperationException($"{e.Type} field {field} is not a number: {other ?? "missing"}"),
    };

    /// <summary>
    /// A reason field (or any enum-named field) in one spelling whatever the emitter chose: Java's <c>WRONG_SOURCE</c>
    /// and C#'s <c>WrongSource</c> both read <c>WRONGSOURCE</c>.
    /// </summary>
    public static string Reason(this NodeEvent e, string field = "reason") => Normalize(e.Text(field) ?? "");

    /// <summary>An enum value's name in the spelling of <see cref="Reason"/>.</summary>
    public static string Normalize(Enum reason) => Normalize(reason.ToString());

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>A string field, or null.</summary>
    public static string? Text(this NodeEvent e, string field) => e[field]?.ToString();
}
