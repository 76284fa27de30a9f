using ActorChain.Node.Events;

namespace ActorChain.Simulation.Tests.Fixture;

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

    /// <summary>A string field, or null.</summary>
    public static string? Text(this NodeEvent e, string field) => e[field]?.ToString();
}
