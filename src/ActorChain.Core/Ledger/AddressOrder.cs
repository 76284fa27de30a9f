using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>Addresses in unsigned lexicographic (big-endian number) order: the order of the canonical account list.</summary>
public sealed class AddressOrder : IComparer<Address>
{
    /// <summary>The one instance.</summary>
    public static AddressOrder Instance { get; } = new();

    private AddressOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(Address x, Address y) => x.AsSpan().SequenceCompareTo(y.AsSpan());
}
