using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>
/// The justified checkpoint's balances and, per voted root, the sum of the balances of the latest messages for it:
/// kept as messages change and rebuilt when the balances do, so that the head adds a few roots instead of every
/// validator. Store-private; the dictionary is for lookups and order-free sums only.
/// </summary>
internal sealed class VoteWeights
{
    private readonly Dictionary<Hash32, ulong> _byRoot = [];
    private ulong[] _balances = [];

    /// <summary>The summed balance of the votes per root.</summary>
    public IReadOnlyDictionary<Hash32, ulong> ByRoot => _byRoot;

    /// <summary>Validator <paramref name="v"/>'s weight: 0 beyond the justified state's registry.</summary>
    public ulong BalanceOf(int v) => v < _balances.Length ? _balances[v] : 0;

    /// <summary>Moves <paramref name="v"/>'s balance from root <paramref name="from"/> to root <paramref name="to"/> (either may be null).</summary>
    public void Move(int v, Hash32? from, Hash32? to)
    {
        var balance = BalanceOf(v);
        if (balance == 0)
        {
            return;
        }

        if (from is { } f)
        {
            var left = _byRoot[f] - balance;
            if (left == 0)
            {
                _byRoot.Remove(f);
            }
            else
            {
                _byRoot[f] = left;
            }
        }

        if (to is { } t)
        {
            _byRoot[t] = _byRoot.GetValueOrDefault(t) + balance;
        }
    }

    /// <summary>Takes new balances and sums every latest message again.</summary>
    public void Rebuild(ulong[] balances, LatestMessages messages)
    {
        _balances = balances;
        _byRoot.Clear();
        var counted = Math.Min(messages.Size, balances.Length);
        for (var v = 0; v < counted; v++)
        {
            if (messages.Root(v) is { } root && balances[v] > 0)
            {
                _byRoot[root] = _byRoot.GetValueOrDefault(root) + balances[v];
            }
        }
    }
}
