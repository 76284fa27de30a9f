using System.Globalization;
using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>Reads typed values out of a <see cref="NodeEvent"/>'s fields, whatever integer type the emitter used.</summary>
public static class EventFields
{
    /// <summary>Field <paramref name="key"/> as a long; throws when it is absent or not a number (an emitter bug).</summary>
    public static long Long(NodeEvent e, string key) => e[key] switch
    {
        int i => i,
        long l => l,
        ulong u => checked((long)u),
        uint u => u,
        short s => s,
        ushort u => u,
        byte b => b,
        null => throw new InvalidOperationException($"event {e.Type} has no field {key}"),
        var other => Convert.ToInt64(other, CultureInfo.InvariantCulture),
    };

    /// <summary>Field <paramref name="key"/> as text (<c>"null"</c> when absent, as Java's String.valueOf).</summary>
    public static string Text(NodeEvent e, string key) =>
        Convert.ToString(e[key], CultureInfo.InvariantCulture) ?? "null";
}
