using System.Collections.Immutable;
using Akka.Actor;

namespace ActorChain.Node.Events;

/// <summary>
/// One line of events.jsonl (SIMULATION.md): virtual time <paramref name="T"/> in ms since genesis time 0, the node,
/// the type (<c>block_imported</c>, <c>justified</c>, …) and its fields in the order they were given.
/// Values are strings, numbers (long/ulong/int/double), bools, null, or nested lists/dictionaries of those.
/// </summary>
public sealed record NodeEvent(long T, int Node, string Type, ImmutableArray<KeyValuePair<string, object?>> Fields)
    : INoSerializationVerificationNeeded
{
    /// <summary>An event from alternating keys and values: <c>Of(t, 0, "head_changed", "slot", 5UL, "root", hex)</c>.</summary>
    public static NodeEvent Of(long t, int node, string type, params object?[] keyValues)
    {
        if (keyValues.Length % 2 != 0)
            throw new ArgumentException($"keys and values must pair up: {keyValues.Length}", nameof(keyValues));
        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, object?>>(keyValues.Length / 2);
        for (var i = 0; i < keyValues.Length; i += 2)
            fields.Add(new((string)keyValues[i]!, keyValues[i + 1]));
        return new NodeEvent(t, node, type, fields.MoveToImmutable());
    }

    /// <summary>The value of field <paramref name="key"/>, or null.</summary>
    public object? this[string key]
    {
        get
        {
            foreach (var f in Fields)
                if (f.Key == key) return f.Value;
            return null;
        }
    }
}
