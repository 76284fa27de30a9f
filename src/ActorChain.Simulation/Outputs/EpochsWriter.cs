using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// The epochs.jsonl writer (SIMULATION.md): one line per node per canonical epoch transition, in the order they
/// happened, with the per-validator detail when traced. Owns its stream.
/// </summary>
public sealed class EpochsWriter : IDisposable
{
    private readonly JsonLinesFile _file;
    private readonly IReadOnlyList<string> _names;
    private readonly bool _trace;

    /// <summary>Writes to <paramref name="out"/>; <paramref name="names"/> names validator i; <paramref name="trace"/> adds <c>validators</c>.</summary>
    public EpochsWriter(Stream @out, IReadOnlyList<string> names, bool trace)
    {
        _file = new JsonLinesFile(@out);
        _names = names;
        _trace = trace;
    }

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public static EpochsWriter Open(string path, IReadOnlyList<string> names, bool trace) =>
        new(JsonLinesFile.Create(path), names, trace);

    /// <summary>How many lines were written.</summary>
    public long Lines => _file.Lines;

    /// <summary>True once <see cref="Seal"/> was called.</summary>
    public bool Sealed => _file.Sealed;

    /// <summary>Writes the line of <paramref name="t"/>, computed on node <paramref name="node"/>'s head, with that node's <paramref name="tally"/>.</summary>
    public void Write(int node, EpochTransition t, ulong headSlot, Hash32 headRoot, TargetTally? tally) =>
        _file.Write((node, t, headSlot, headRoot, tally, Writer: this), static (w, s) =>
            WriteLine(w, s.node, s.t, s.headSlot, s.headRoot, s.tally, s.Writer._names, s.Writer._trace));

    /// <summary>Pushes what is buffered to the file.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Flushes and takes no more lines (<see cref="JsonLinesFile.Seal"/>).</summary>
    public void Seal() => _file.Seal();

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>One line as a string (no line end), as Java's <c>EpochsWriter.line</c>.</summary>
    public static string Line(int node, EpochTransition t, ulong headSlot, Hash32 headRoot, TargetTally? tally,
        IReadOnlyList<string> names, bool trace)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Json.Compact))
            WriteLine(w, node, t, headSlot, headRoot, tally, names, trace);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one line's object: the documented fields in the documented order.</summary>
    public static void WriteLine(Utf8JsonWriter w, int node, EpochTransition t, ulong headSlot, Hash32 headRoot,
        TargetTally? tally, IReadOnlyList<string> names, bool trace)
    {
        w.WriteStartObject();
        w.WriteNumber("node", node);
        w.WriteNumber("epoch", t.Epoch);
        w.WriteNumber("headSlot", headSlot);
        w.WriteString("headRoot", headRoot.ToString());
        w.WriteNumber("totalActiveBalance", t.TotalActiveBalance);
        w.WriteNumber("previousTargetBalance", t.PreviousTargetBalance);
        w.WriteNumber("currentTargetBalance", t.CurrentTargetBalance);
        w.WriteBoolean("inLeak", t.InLeak);
        w.WriteString("bitsBefore", EpochTransition.BitString(t.BitsBefore));
        w.WriteString("bits", EpochTransition.BitString(t.Bits));
        WriteCheckpoint(w, "previousJustifiedBefore", t.PreviousJustifiedBefore);
        WriteCheckpoint(w, "currentJustifiedBefore", t.CurrentJustifiedBefore);
        WriteCheckpoint(w, "finalizedBefore", t.FinalizedBefore);
        WriteCheckpoint(w, "previousJustified", t.PreviousJustified);
        WriteCheckpoint(w, "currentJustified", t.CurrentJustified);
        WriteCheckpoint(w, "finalized", t.Finalized);
        WriteTally(w, tally, names);
        if (trace)
        {
            w.WriteStartArray("validators");
            foreach (var v in t.Validators) WriteValidator(w, v, names);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// The property <c>"tally"</c>: <c>null</c>, or <c>{"epoch", "root", "targetStake", "totalActiveStake", "needed",
    /// "justified", "missing": [{"index", "name", "stake", "reason"}]}</c> (docs/outputs.md).
    /// </summary>
    public static void WriteTally(Utf8JsonWriter w, TargetTally? tally, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(names);
        if (tally is null)
        {
            w.WriteNull("tally");
            return;
        }

        w.WriteStartObject("tally");
        w.WriteNumber("epoch", tally.Epoch);
        w.WriteString("root", tally.Root.ToString());
        w.WriteNumber("targetStake", tally.TargetStake);
        w.WriteNumber("totalActiveStake", tally.TotalActiveStake);
        w.WriteNumber("needed", tally.Needed);
        w.WriteBoolean("justified", tally.Justified);
        w.WriteStartArray("missing");
        foreach (var m in tally.Missing)
        {
            w.WriteStartObject();
            w.WriteNumber("index", m.Index);
            if (m.Index < names.Count) w.WriteString("name", names[m.Index]);
            else w.WriteNull("name");
            w.WriteNumber("stake", m.Stake);
            w.WriteString("reason", m.Reason.Name());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"epoch":E,"root":"hex"}</c>, as summary.json and epochs.jsonl write a checkpoint.</summary>
    public static JsonMap Checkpoint(Checkpoint c) => new() { ["epoch"] = c.Epoch, ["root"] = c.Root.ToString() };

    /// <summary>FAR_FUTURE (2^64 − 1) is written as null.</summary>
    public static ulong? EpochOrNull(ulong epoch) => epoch == ConsensusConfig.FarFutureEpoch ? null : epoch;

    private static void WriteValidator(Utf8JsonWriter w, ValidatorTrace v, IReadOnlyList<string> names)
    {
        w.WriteStartObject();
        w.WriteNumber("index", v.Index);
        if (v.Index < names.Count) w.WriteString("name", names[v.Index]);
        else w.WriteNull("name");
        w.WriteNumber("balanceBefore", v.BalanceBefore);
        w.WriteNumber("balance", v.Balance);
        w.WriteNumber("effectiveBalanceBefore", v.EffectiveBalanceBefore);
        w.WriteNumber("effectiveBalance", v.EffectiveBalance);
        w.WriteNumber("inactivityScoreBefore", v.InactivityScoreBefore);
        w.WriteNumber("inactivityScore", v.InactivityScore);
        w.WriteNumber("previousFlags", v.PreviousFlags);
        w.WriteNumber("currentFlags", v.CurrentFlags);
        w.WriteBoolean("slashed", v.Slashed);
        WriteEpoch(w, "activationEpoch", v.ActivationEpoch);
        WriteEpoch(w, "exitEpoch", v.ExitEpoch);
        WriteEpoch(w, "withdrawableEpoch", v.WithdrawableEpoch);
        w.WriteEndObject();
    }

    private static void WriteCheckpoint(Utf8JsonWriter w, string name, Checkpoint c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("epoch", c.Epoch);
        w.WriteString("root", c.Root.ToString());
        w.WriteEndObject();
    }

    private static void WriteEpoch(Utf8JsonWriter w, string name, ulong epoch)
    {
        if (epoch == ConsensusConfig.FarFutureEpoch) w.WriteNull(name);
        else w.WriteNumber(name, epoch);
    }
}
