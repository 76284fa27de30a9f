using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>Golden family <c>keys</c> (CONSENSUS.md §0 Keys): <see cref="Keys.Seed32(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, <see cref="Keys.FromSeed"/>, <see cref="PubKey.Address"/>.</summary>
public sealed class KeysFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "keys";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var seed = Keys.Seed32(
            GoldenJson.Bytes(GoldenJson.Get(input, "chainSeedUtf8")),
            GoldenJson.Bytes(GoldenJson.Get(input, "nameUtf8")));
        var key = Keys.FromSeed(seed);
        return new JsonObject
        {
            ["seed"] = GoldenJson.Hex(seed),
            ["publicKey"] = key.PublicKey.ToString(),
            ["address"] = key.Address.ToString(),
        };
    }
}
