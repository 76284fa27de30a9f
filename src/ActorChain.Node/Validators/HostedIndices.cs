using System.Collections.Immutable;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.State;

namespace ActorChain.Node.Validators;

/// <summary>
/// The registry indices of a node's hosted validators, resolved by public key once per registry size (deposits only
/// ever append), in index order.
/// </summary>
internal sealed class HostedIndices(IReadOnlyDictionary<PubKey, string> hostedByKey)
{
    private Resolved _resolved = new([], []);
    private int _resolvedForCount = -1;

    /// <summary>The hosted validators of <paramref name="state"/>'s registry, ascending by index.</summary>
    public Resolved Resolve(BeaconState state)
    {
        if (state.ValidatorCount == _resolvedForCount)
            return _resolved;
        var indices = ImmutableArray.CreateBuilder<int>();
        var names = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < state.ValidatorCount; i++)
        {
            if (hostedByKey.TryGetValue(state.Validators[i].Pubkey, out var name))
            {
                indices.Add(i);
                names.Add(name);
            }
        }

        _resolved = new Resolved(indices.ToImmutable(), names.ToImmutable());
        _resolvedForCount = state.ValidatorCount;
        return _resolved;
    }

    /// <summary>The name of hosted validator <paramref name="index"/> as last resolved.</summary>
    public string NameOf(ulong index)
    {
        var at = _resolved.Indices.IndexOf((int)index);
        return at < 0 ? throw new ArgumentOutOfRangeException(nameof(index), index, "not a hosted validator") : _resolved.Names[at];
    }

    /// <summary>Hosted registry indices and their names, in the same order.</summary>
    public sealed record Resolved(ImmutableArray<int> Indices, ImmutableArray<string> Names);
}
