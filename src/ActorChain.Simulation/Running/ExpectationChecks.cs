using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Forensics;
using ActorChain.Core.Pos.Model;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>A node's PoS view at the end of a run: what the expectations and summary.json read.</summary>
public sealed record PosNodeEnd(ulong HeadSlot, Hash32 HeadRoot, Checkpoint Justified, Checkpoint Finalized);

/// <summary>
/// The <c>expect</c> entries of SIMULATION.md, evaluated as the Java runner did. Each check returns the empty string
/// when the expectation held, else a one-line detail of what was found.
/// </summary>
public static class ExpectationChecks
{
    /// <summary>
    /// A PoS or merge run: <paramref name="finals"/> are the nodes up at the end, <paramref name="finalizedByNode"/>
    /// every checkpoint each node finalized (epoch → root), <paramref name="validators"/> the summary's validators, and
    /// <paramref name="doubleSigners"/> the validators a double-signing fault names.
    /// </summary>
    public static string CheckPos(Expectation x, IReadOnlyDictionary<int, PosNodeEnd> finals,
        IReadOnlyDictionary<int, SortedDictionary<ulong, string>> finalizedByNode, IReadOnlyList<JsonMap> validators,
        ImmutableSortedSet<string> doubleSigners, IReadOnlyList<FinalityConflict>? conflicts = null, ForensicsReport? forensics = null)
    {
        switch (x.Key)
        {
            case Expectations.FinalizedEpochAtLeast:
                return string.Join(", ", finals.OrderBy(f => f.Key).Where(f => f.Value.Finalized.Epoch < x.Number)
                    .Select(f => $"node {f.Key} finalized epoch {f.Value.Finalized.Epoch}"));
            case Expectations.HeadAgreement:
            {
                var heads = finals.Values.Select(s => s.HeadRoot.ToString()).ToImmutableSortedSet(StringComparer.Ordinal);
                var agree = heads.Count == 1;
                return agree == x.Flag ? "" : $"{finals.Count} nodes on {heads.Count} heads";
            }

            case Expectations.NoConflictingFinality:
            {
                var byEpoch = new SortedDictionary<ulong, SortedSet<string>>();
                foreach (var (_, finalized) in finalizedByNode.OrderBy(n => n.Key))
                {
                    foreach (var (epoch, root) in finalized)
                    {
                        if (!byEpoch.TryGetValue(epoch, out var roots)) byEpoch[epoch] = roots = new SortedSet<string>(StringComparer.Ordinal);
                        roots.Add(root);
                    }
                }

                var found = byEpoch.Where(e => e.Value.Count > 1)
                    .Select(e => $"epoch {e.Key} finalized as {e.Value.Count} different roots").ToList();
                foreach (var c in conflicts ?? [])
                {
                    if (c.First.Epoch != c.Second.Epoch)
                        found.Add($"epoch {c.First.Epoch} ({c.First.Root.ShortHex()}) and epoch {c.Second.Epoch} ({c.Second.Root.ShortHex()}) on different branches");
                }

                var none = found.Count == 0;
                return none == x.Flag ? "" : none ? "no conflicting finality" : string.Join("; ", found);
            }

            case Expectations.ForensicsReachesOneThird:
            {
                var reaches = forensics?.ReachesOneThird ?? false;
                if (reaches == x.Flag) return "";
                return forensics is null
                    ? "no conflicting finality, so no forensics"
                    : $"the forensics name {forensics.Slashable.Length} validators with {forensics.SlashableStake} of {forensics.TotalStake} gwei ({forensics.StakeShare.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
            }

            case Expectations.Slashed:
            {
                var want = x.Names.ToImmutableSortedSet(StringComparer.Ordinal);
                var got = SlashedNames(validators).ToImmutableSortedSet(StringComparer.Ordinal);
                return want.SetEquals(got) ? "" : $"slashed {SetText(got)}, expected {SetText(want)}";
            }

            case Expectations.NotSlashedHonest:
            {
                var honest = SlashedNames(validators).Where(n => !doubleSigners.Contains(n)).ToList();
                var none = honest.Count == 0;
                return none == x.Flag ? "" : none ? "no honest validator was slashed" : "honest validators slashed: " + ListText(honest);
            }

            default:
                return $"{x.Key} has no check in a proof-of-stake run";
        }
    }

    /// <summary>A PoW run: <paramref name="nodes"/> are summary.json's nodes (<c>node</c>, <c>headHeight</c>, <c>headHash</c>).</summary>
    public static string CheckPow(Expectation x, IReadOnlyList<JsonMap> nodes)
    {
        switch (x.Key)
        {
            case Expectations.HeadAgreement:
            {
                var heads = nodes.Select(n => Convert.ToString(n["headHash"], System.Globalization.CultureInfo.InvariantCulture) ?? "null")
                    .ToImmutableSortedSet(StringComparer.Ordinal);
                var agree = heads.Count == 1;
                return agree == x.Flag ? "" : agree ? "all nodes agree" : $"{nodes.Count} nodes on {heads.Count} heads: {SetText(heads)}";
            }

            case Expectations.HeightAtLeast:
                return string.Join(", ", nodes.Where(n => Convert.ToUInt64(n["headHeight"], System.Globalization.CultureInfo.InvariantCulture) < x.Number)
                    .Select(n => $"node {n["node"]} at {n["headHeight"]}"));
            default:
                return $"{x.Key} has no check in a proof-of-work run";
        }
    }

    /// <summary>Evaluates every expectation in order: summary.json's <c>expectations</c> and the failures (<c>text: detail</c>).</summary>
    public static (ImmutableArray<JsonMap> Entries, ImmutableArray<string> Failures) Evaluate(
        IEnumerable<Expectation> expectations, Func<Expectation, string> check)
    {
        var entries = ImmutableArray.CreateBuilder<JsonMap>();
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var x in expectations)
        {
            var detail = check(x);
            entries.Add(new JsonMap { ["expect"] = x.Text, ["passed"] = detail.Length == 0, ["detail"] = detail });
            if (detail.Length > 0) failures.Add(x.Text + ": " + detail);
        }

        return (entries.ToImmutable(), failures.ToImmutable());
    }

    private static IEnumerable<string> SlashedNames(IReadOnlyList<JsonMap> validators) =>
        validators.Where(v => v["slashed"] is true).Select(v => v["name"] as string ?? "null");

    // Java's Set.toString: "[a, b]".
    private static string SetText(IEnumerable<string> names) => "[" + string.Join(", ", names) + "]";

    private static string ListText(IEnumerable<string> names) => SetText(names);
}
