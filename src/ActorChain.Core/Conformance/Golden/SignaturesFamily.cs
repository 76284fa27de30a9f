using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>Golden family <c>signatures</c> (CONSENSUS.md §0 Signatures): <see cref="SigningKey.Sign"/> and <see cref="Signatures.Verify"/>.</summary>
public sealed class SignaturesFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "signatures";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var domain = GoldenEnum.Parse<Domain>(GoldenJson.Str(GoldenJson.Get(input, "domain")));
        var root = GoldenJson.Hash(input, "root");
        var kind = GoldenJson.Str(GoldenJson.Get(input, "kind"));
        return kind switch
        {
            "sign" => Sign(input, domain, root),
            "verify" => new JsonObject
            {
                ["valid"] = Signatures.Verify(
                    new PubKey(GoldenJson.Bytes(GoldenJson.Get(input, "publicKey"))),
                    domain,
                    root,
                    new Signature(GoldenJson.Bytes(GoldenJson.Get(input, "signature")))),
            },
            _ => throw new GoldenFormatException($"unknown kind '{kind}'"),
        };
    }

    private static JsonObject Sign(JsonElement input, Domain domain, Hash32 root)
    {
        var key = Keys.FromSeed(Keys.Seed32(
            GoldenJson.Str(GoldenJson.Get(input, "chainSeed")),
            GoldenJson.Str(GoldenJson.Get(input, "name"))));
        var sig = key.Sign(domain, root);
        return new JsonObject
        {
            ["publicKey"] = key.PublicKey.ToString(),
            ["message"] = Signatures.SigningMessage(domain, root).ToString(),
            ["signature"] = sig.ToString(),
            ["valid"] = Signatures.Verify(key.PublicKey, domain, root, sig),
        };
    }
}
