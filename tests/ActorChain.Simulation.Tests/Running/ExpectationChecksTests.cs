using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>The <c>expect</c> entries evaluated as the Java runner did: empty detail when held, what was found when not.</summary>
public sealed class ExpectationChecksTests
{
    private static readonly Hash32 A = Sha256.Hash([1]);
    private static readonly Hash32 B = Sha256.Hash([2]);

    private static PosNodeEnd End(Hash32 head, ulong finalized) => new(40, head, new Checkpoint(finalized + 1, A), new Checkpoint(finalized, A));

    private static readonly ImmutableSortedSet<string> NoDoubleSigners = ImmutableSortedSet<string>.Empty;

    private static JsonMap Validator(string name, bool slashed) => new() { ["index"] = 0, ["name"] = name, ["slashed"] = slashed };

    private static string Pos(Expectation x, IReadOnlyDictionary<int, PosNodeEnd>? finals = null,
        IReadOnlyDictionary<int, SortedDictionary<ulong, string>>? finalized = null, IReadOnlyList<JsonMap>? validators = null,
        ImmutableSortedSet<string>? doubleSigners = null) =>
        ExpectationChecks.CheckPos(x, finals ?? new Dictionary<int, PosNodeEnd>(), finalized ?? new Dictionary<int, SortedDictionary<ulong, string>>(),
            validators ?? [], doubleSigners ?? NoDoubleSigners);

    [Fact]
    public void Finalized_epoch_at_least_names_every_node_below()
    {
        var finals = new Dictionary<int, PosNodeEnd> { [1] = End(A, 6), [0] = End(A, 9), [2] = End(A, 5) };
        var x = new Expectation(Expectations.FinalizedEpochAtLeast, 7UL, "finalized-epoch-at-least = 7");

        Pos(x, finals).Should().Be("node 1 finalized epoch 6, node 2 finalized epoch 5");
        Pos(x with { Value = 5UL }, finals).Should().BeEmpty();
    }

    [Fact]
    public void Head_agreement_counts_the_heads()
    {
        var x = new Expectation(Expectations.HeadAgreement, true, "head-agreement = true");

        Pos(x, new Dictionary<int, PosNodeEnd> { [0] = End(A, 1), [1] = End(A, 1) }).Should().BeEmpty();
        Pos(x, new Dictionary<int, PosNodeEnd> { [0] = End(A, 1), [1] = End(B, 1), [2] = End(A, 1) }).Should().Be("3 nodes on 2 heads");
    }

    [Fact]
    public void No_conflicting_finality_names_each_epoch_finalized_twice()
    {
        var x = new Expectation(Expectations.NoConflictingFinality, true, "no-conflicting-finality = true");
        var agree = new Dictionary<int, SortedDictionary<ulong, string>> { [0] = new() { [3] = "aa" }, [1] = new() { [3] = "aa", [4] = "bb" } };
        var split = new Dictionary<int, SortedDictionary<ulong, string>> { [0] = new() { [3] = "aa" }, [1] = new() { [3] = "cc" } };

        Pos(x, finalized: agree).Should().BeEmpty();
        Pos(x, finalized: split).Should().Be("epoch 3 finalized as 2 different roots");
        Pos(x with { Value = false }, finalized: agree).Should().Be("no conflicting finality");
    }

    [Fact]
    public void Slashed_wants_exactly_these_validators()
    {
        var x = new Expectation(Expectations.Slashed, ImmutableArray.Create("v5", "v3"), "slashed = [v5, v3]");
        JsonMap[] exact = [Validator("v3", true), Validator("v4", false), Validator("v5", true)];
        JsonMap[] extra = [Validator("v3", true), Validator("v4", true), Validator("v5", true)];

        Pos(x, validators: exact).Should().BeEmpty();
        Pos(x, validators: extra).Should().Be("slashed [v3, v4, v5], expected [v3, v5]");
    }

    [Fact]
    public void Not_slashed_honest_allows_only_the_double_signers()
    {
        var x = new Expectation(Expectations.NotSlashedHonest, true, "not-slashed-honest = true");
        JsonMap[] validators = [Validator("v1", true), Validator("v2", true), Validator("v3", false)];

        Pos(x, validators: validators, doubleSigners: ["v1", "v2"]).Should().BeEmpty();
        Pos(x, validators: validators, doubleSigners: ["v1"]).Should().Be("honest validators slashed: [v2]");
    }

    [Fact]
    public void Pow_checks_heights_and_heads()
    {
        JsonMap[] nodes =
        [
            new() { ["node"] = 0, ["headHeight"] = 31UL, ["headHash"] = "aa" },
            new() { ["node"] = 1, ["headHeight"] = 29UL, ["headHash"] = "bb" },
        ];

        ExpectationChecks.CheckPow(new Expectation(Expectations.HeightAtLeast, 30UL, "height-at-least = 30"), nodes).Should().Be("node 1 at 29");
        ExpectationChecks.CheckPow(new Expectation(Expectations.HeadAgreement, true, "head-agreement = true"), nodes)
            .Should().Be("2 nodes on 2 heads: [aa, bb]");
    }

    [Fact]
    public void Evaluate_lists_each_entry_and_the_failures_in_order()
    {
        Expectation[] xs = [new("a", true, "a = true"), new("b", true, "b = true")];

        var (entries, failures) = ExpectationChecks.Evaluate(xs, x => x.Key == "b" ? "wrong" : "");

        Json.Write(entries).Should().Be(
            "[{\"expect\":\"a = true\",\"passed\":true,\"detail\":\"\"},{\"expect\":\"b = true\",\"passed\":false,\"detail\":\"wrong\"}]");
        failures.Should().Equal("b = true: wrong");
    }
}
