using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;

namespace ActorChain.TestKit;

/// <summary>Messages a test makes by hand, signed with the validators' real keys, to feed a network as if gossiped.</summary>
public static class Forge
{
    /// <summary>Validator v<paramref name="validator"/>'s signing key.</summary>
    public static SigningKey Key(this SimNetwork net, int validator) => net.Settings.Key("v" + validator);

    /// <summary>A vote by <paramref name="index"/> for <paramref name="data"/>, signed with <paramref name="key"/>.</summary>
    public static Attestation Vote(SigningKey key, int index, AttestationData data) =>
        new((ulong)index, data, key.Sign(Domain.Attester, data.Root));

    /// <summary><paramref name="header"/> over <paramref name="body"/>, signed with domain PROPOSER by <paramref name="key"/>.</summary>
    public static BeaconBlock Resigned(BeaconBlockHeader header, BeaconBlockBody body, SigningKey key) =>
        new(header, body, key.Sign(Domain.Proposer, header.Root));

    /// <summary>The SHA-256 of a label: a root no chain holds.</summary>
    public static Hash32 Hash(string label) => Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(label));

    /// <summary>Node <paramref name="node"/>'s head and its state advanced to <paramref name="slot"/> (read-only).</summary>
    public static ChainActor.SlotContext SlotContext(this SimNetwork net, int node, ulong slot) =>
        net.Ask<ChainActor.SlotContext>(net.ChainOf(node), r => new ChainActor.GetSlotContext(slot, r));
}
