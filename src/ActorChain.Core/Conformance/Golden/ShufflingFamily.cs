using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Pos.Misc;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>Golden family <c>shuffling</c> (§5.1 shuffledIndex): the whole permutation of a seed, count and round count.</summary>
public sealed class ShufflingFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "shuffling";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var seed = GoldenJson.Hash(input, "seed");
        var n = GoldenJson.U64(GoldenJson.Get(input, "indexCount"));
        var rounds = GoldenJson.U64(GoldenJson.Get(input, "rounds"));
        var permutation = new JsonArray();
        foreach (var i in Shuffling.ShuffleList(Enumerable.Range(0, checked((int)n)).ToArray(), seed, rounds))
        {
            permutation.Add(JsonValue.Create(i));
        }

        return new JsonObject { ["permutation"] = permutation };
    }
}
