using System.Security.Cryptography;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.State;

/// <summary>The canonical form of the state, field order as the golden README's "BeaconState" section.</summary>
public sealed partial class BeaconState : ICanonical
{
    /// <summary>The largest u64 vector the reader takes (2^21 entries).</summary>
    public const int MaxU64Vector = CanonicalReader.MaxLength / 8;

    /// <summary>The largest bytes32 vector the reader takes (2^19 entries).</summary>
    public const int MaxHashVector = CanonicalReader.MaxLength / 32;

    /// <summary>The encoded registry part (genesis fields, validators), which changes only with the registry.</summary>
    private volatile byte[]? _registryBytes;

    /// <summary><c>H(canonical(state))</c>, reusing the registry part's bytes while the registry is unchanged.</summary>
    public Hash32 Root()
    {
        var registry = RegistryBytes();
        var rest = new CanonicalWriter(256 + (_balances.Length * 26) + ((_randaoMixes.Length + _blockRoots.Length) * 32));
        WriteRest(rest);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(registry);
        h.AppendData(rest.WrittenSpan);
        return Hash32.Own(h.GetHashAndReset());
    }

    /// <summary>The canonical bytes.</summary>
    public byte[] Encode() => Canonical.Encode(this);

    /// <inheritdoc/>
    public void WriteTo(CanonicalWriter w)
    {
        w.Fixed(RegistryBytes());
        WriteRest(w);
    }

    /// <summary>Reads a state; rejects justification bits above 15 and per-validator vectors of the wrong length.</summary>
    public static BeaconState Read(CanonicalReader r)
    {
        var genesisTime = r.U64Le();
        var genesisRoot = Hash32.Read(r);
        var validators = r.List(Validator.Read);
        var slot = r.U64Le();
        var latest = r.Bool() ? BeaconBlockHeader.Read(r) : null;
        var balances = ReadU64s(r, "balances");
        var mixes = ReadHashes(r, "randaoMixes");
        var roots = ReadHashes(r, "blockRoots");
        var slashings = ReadU64s(r, "slashings");
        var previous = r.Bytes();
        var current = r.Bytes();
        var bits = r.U8();
        if (bits > 0b1111)
        {
            throw CanonicalReader.Reject($"justification bits use 4 bits, got {bits}");
        }

        var previousJustified = Checkpoint.Read(r);
        var currentJustified = Checkpoint.Read(r);
        var finalized = Checkpoint.Read(r);
        var scores = ReadU64s(r, "inactivityScores");
        var accounts = Accounts.Read(r);
        var baseFee = r.U64Le();
        var n = validators.Length;
        if (balances.Length != n || previous.Length != n || current.Length != n || scores.Length != n)
        {
            throw CanonicalReader.Reject($"per-validator vectors must all have {n} entries");
        }

        return new BeaconState(slot, genesisTime, genesisRoot, latest, validators, balances, mixes, roots, slashings,
            previous, current, bits, previousJustified, currentJustified, finalized, scores, accounts, baseFee);
    }

    /// <summary>Strict decode: null with a reason for any malformed input.</summary>
    public static BeaconState? Decode(ReadOnlyMemory<byte> bytes, out string? reason) => Canonical.Decode(bytes, Read, out reason);

    private byte[] RegistryBytes()
    {
        var bytes = _registryBytes;
        if (bytes is null)
        {
            var w = new CanonicalWriter(64 + (_validators.Count * Validator.EncodedSize));
            w.U64Le(GenesisTime).Fixed(GenesisRoot).List(_validators);
            bytes = w.ToArray();
            _registryBytes = bytes;
        }

        return bytes;
    }

    private void WriteRest(CanonicalWriter w)
    {
        w.U64Le(Slot).Bool(LatestBlockHeader is not null);
        LatestBlockHeader?.WriteTo(w);
        w.U32Le((uint)_balances.Length);
        foreach (var b in _balances)
        {
            w.U64Le(b);
        }

        w.U32Le((uint)_randaoMixes.Length);
        foreach (var m in _randaoMixes)
        {
            w.Fixed(m);
        }

        w.U32Le((uint)_blockRoots.Length);
        foreach (var root in _blockRoots)
        {
            w.Fixed(root);
        }

        w.U32Le((uint)_slashings.Length);
        foreach (var s in _slashings)
        {
            w.U64Le(s);
        }

        w.Bytes(_previousEpochParticipation).Bytes(_currentEpochParticipation).U8(_justificationBits);
        PreviousJustified.WriteTo(w);
        CurrentJustified.WriteTo(w);
        Finalized.WriteTo(w);
        w.U32Le((uint)_inactivityScores.Length);
        foreach (var s in _inactivityScores)
        {
            w.U64Le(s);
        }

        Accounts.WriteTo(w);
        w.U64Le(BaseFee);
    }

    /// <summary>A vector's count, rejected before anything is allocated when the input is too short to hold it.</summary>
    private static int CountOf(CanonicalReader r, string what, int max, int width)
    {
        var n = r.Length(what, max);
        return (long)n * width <= r.Remaining
            ? n
            : throw CanonicalReader.Reject($"truncated: {what} needs {(long)n * width} bytes at offset {r.Position}, {r.Remaining} left");
    }

    private static ulong[] ReadU64s(CanonicalReader r, string what)
    {
        var n = CountOf(r, what, MaxU64Vector, 8);
        var values = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = r.U64Le();
        }

        return values;
    }

    private static Hash32[] ReadHashes(CanonicalReader r, string what)
    {
        var n = CountOf(r, what, MaxHashVector, Hash32.Width);
        var values = new Hash32[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Hash32.Read(r);
        }

        return values;
    }
}
