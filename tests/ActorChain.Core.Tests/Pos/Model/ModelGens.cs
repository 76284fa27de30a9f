using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using CsCheck;

namespace ActorChain.Core.Tests.Pos.Model;

/// <summary>CsCheck generators of the PoS records, over the whole u64 range and with random keys and signatures.</summary>
public static class ModelGens
{
    /// <summary>Any 32 bytes.</summary>
    public static readonly Gen<Hash32> Hash = Gen.Byte.Array[32].Select(Hash32.Wrap);

    /// <summary>Any 64 bytes.</summary>
    public static readonly Gen<Signature> Sig = Gen.Byte.Array[64].Select(Signature.Wrap);

    /// <summary>Any 32-byte key.</summary>
    public static readonly Gen<PubKey> Key = Gen.Byte.Array[32].Select(PubKey.Wrap);

    /// <summary>A checkpoint.</summary>
    public static readonly Gen<Checkpoint> Checkpoint = Gen.Select(Gen.ULong, Hash, (e, r) => new Checkpoint(e, r));

    /// <summary>Attestation data.</summary>
    public static readonly Gen<AttestationData> Data = Gen.Select(Gen.ULong, Gen.ULong, Hash, Checkpoint, Checkpoint,
        (s, c, h, src, tgt) => new AttestationData(s, c, h, src, tgt));

    /// <summary>An attestation.</summary>
    public static readonly Gen<Attestation> Attestation = Gen.Select(Gen.ULong, Data, Sig, (v, d, s) => new Attestation(v, d, s));

    /// <summary>A block header.</summary>
    public static readonly Gen<BeaconBlockHeader> Header = Gen.Select(Gen.ULong, Gen.ULong, Hash, Hash, Hash,
        (s, p, a, b, c) => new BeaconBlockHeader(s, p, a, b, c));

    /// <summary>A signed header.</summary>
    public static readonly Gen<SignedBeaconBlockHeader> SignedHeader = Gen.Select(Header, Sig, (h, s) => new SignedBeaconBlockHeader(h, s));

    /// <summary>A proposer slashing.</summary>
    public static readonly Gen<ProposerSlashing> ProposerSlashing = Gen.Select(SignedHeader, SignedHeader, (a, b) => new ProposerSlashing(a, b));

    /// <summary>An attester slashing.</summary>
    public static readonly Gen<AttesterSlashing> AttesterSlashing = Gen.Select(Attestation, Attestation, (a, b) => new AttesterSlashing(a, b));

    /// <summary>A body without transactions (the ledger piece tests those).</summary>
    public static readonly Gen<BeaconBlockBody> Body = Gen.Select(Sig, Attestation.Array[0, 4], ProposerSlashing.Array[0, 2], AttesterSlashing.Array[0, 2],
        (r, a, p, s) => new BeaconBlockBody(r, [.. a], [.. p], [.. s], []));

    /// <summary>A block whose header commits to its body.</summary>
    public static readonly Gen<BeaconBlock> Block = Gen.Select(Header, Body, Sig,
        (h, b, s) => new BeaconBlock(h with { BodyRoot = b.Root }, b, s));

    /// <summary>A registry entry.</summary>
    public static readonly Gen<Validator> Validator = Gen.Select(Key, Gen.ULong, Gen.Bool, Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong,
        (k, e, s, a, b, c, d) => new Validator(k, e, s, a, b, c, d));

    /// <summary>A slashing-protection field: none, or below 2^63.</summary>
    public static readonly Gen<ulong> ProtectionField = Gen.OneOf(Gen.Const(SlashingProtectionRecord.None), Gen.ULong[0, long.MaxValue]);

    /// <summary>A slashing-protection record.</summary>
    public static readonly Gen<SlashingProtectionRecord> ProtectionRecord = Gen.Select(ProtectionField, ProtectionField, ProtectionField,
        (a, b, c) => new SlashingProtectionRecord(a, b, c));
}
