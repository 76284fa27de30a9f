using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Tests.Outputs;

/// <summary>The JSON forms of SIMULATION.md: given key order, canonical sorted form, Java-style doubles, event lines.</summary>
public sealed class JsonTests
{
    [Fact]
    public void Keeps_keys_in_the_order_they_were_set_and_replaces_in_place()
    {
        var m = new JsonMap { ["b"] = 1, ["a"] = "x", ["c"] = null };
        m["b"] = 2;

        Json.Write(m).Should().Be("{\"b\":2,\"a\":\"x\",\"c\":null}");
    }

    [Fact]
    public void Canonical_form_sorts_keys_at_every_depth_and_has_no_spaces()
    {
        var value = new JsonMap
        {
            ["nodes"] = new[] { new JsonMap { ["node"] = 0, ["headRoot"] = "ab", ["finalized"] = new JsonMap { ["root"] = "r", ["epoch"] = 3UL } } },
            ["validators"] = Array.Empty<object>(),
        };

        Json.Canonical(value).Should().Be(
            "{\"nodes\":[{\"finalized\":{\"epoch\":3,\"root\":\"r\"},\"headRoot\":\"ab\",\"node\":0}],\"validators\":[]}");
    }

    [Fact]
    public void Canonical_hash_is_the_sha256_of_the_canonical_text()
    {
        var value = new JsonMap { ["z"] = true, ["a"] = new[] { 1L, 2L } };
        var expected = Sha256.Hash(Encoding.UTF8.GetBytes("{\"a\":[1,2],\"z\":true}")).ToString();

        Json.CanonicalHash(value).Should().Be(expected).And.HaveLength(64);
    }

    [Theory]
    [InlineData(96.0, "96.0")]
    [InlineData(1.7, "1.7")]
    [InlineData(0.1, "0.1")]
    [InlineData(56.470588235294116, "56.470588235294116")]
    [InlineData(1e-7, "1E-07")]
    public void Writes_doubles_with_a_fraction_and_invariant(double d, string text) =>
        Json.Write(new JsonMap { ["x"] = d }).Should().Be("{\"x\":" + text + "}");

    [Fact]
    public void Writes_a_non_finite_double_as_null() =>
        Json.Write(new JsonMap { ["x"] = double.NaN }).Should().Be("{\"x\":null}");

    [Fact]
    public void Writes_unsigned_64_bit_numbers_whole() =>
        Json.Write(new JsonMap { ["x"] = ulong.MaxValue }).Should().Be("{\"x\":18446744073709551615}");

    [Fact]
    public void Keeps_readable_text_unescaped() =>
        Json.Write("latency 100 ± 50 ms, a+b <c>").Should().Be("\"latency 100 ± 50 ms, a+b <c>\"");

    [Fact]
    public void Writes_an_event_as_t_node_type_then_its_fields_in_order()
    {
        var e = NodeEvent.Of(18_000, 2, "node_restarted", "downMillis", 16_000L, "root", Hash32.Zero);

        Json.EventLine(e).Should().Be(
            "{\"t\":18000,\"node\":2,\"type\":\"node_restarted\",\"downMillis\":16000,\"root\":\"" + new string('0', 64) + "\"}");
    }

    [Fact]
    public void Writes_an_event_of_no_node_with_a_null_node() =>
        Json.EventLine(NodeEvent.Of(5, -1, "fault_injected", "kind", "crash")).Should()
            .Be("{\"t\":5,\"node\":null,\"type\":\"fault_injected\",\"kind\":\"crash\"}");

    [Fact]
    public void Nests_lists_and_ordered_objects_in_event_fields()
    {
        var e = NodeEvent.Of(1, 0, "partition", "groups", new[] { new[] { 0, 1 }, new[] { 2 } },
            "detail", new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["b"] = 1, ["a"] = 2 });

        Json.EventLine(e).Should().Be("{\"t\":1,\"node\":0,\"type\":\"partition\",\"groups\":[[0,1],[2]],\"detail\":{\"a\":2,\"b\":1}}");
    }

    [Fact]
    public void Pretty_form_indents_two_spaces_with_unix_line_ends()
    {
        var text = Json.WritePretty(new JsonMap { ["a"] = 1, ["b"] = new[] { 2 } });

        text.Should().Be("{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}");
    }

    [Fact]
    public void Refuses_a_value_it_has_no_form_for() =>
        FluentActions.Invoking(() => Json.Write(new JsonMap { ["x"] = new object() })).Should().Throw<ArgumentException>();
}
