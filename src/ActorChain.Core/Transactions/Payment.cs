using ActorChain.Core.Crypto;

namespace ActorChain.Core.Transactions;

/// <summary>
/// A transaction paid for by an account (a <see cref="Transfer"/> or a <see cref="Deposit"/>): it moves
/// <see cref="Amount"/> and pays fees from <see cref="From"/>'s address, using its account nonce (CONSENSUS.md §2).
/// </summary>
public abstract record Payment : Transaction
{
    private protected Payment()
    {
    }

    /// <summary>The sender's public key; the account paying is its address.</summary>
    public abstract PubKey From { get; init; }

    /// <summary>The amount moved, in gwei.</summary>
    public abstract ulong Amount { get; init; }

    /// <summary>The most the sender pays in fees, in gwei.</summary>
    public abstract ulong MaxFee { get; init; }

    /// <summary>The most the sender pays the producer on top of the base fee, in gwei.</summary>
    public abstract ulong Tip { get; init; }

    /// <summary>The sender's account nonce this payment uses.</summary>
    public abstract ulong Nonce { get; init; }

    /// <summary>The paying account: the address of <see cref="From"/>.</summary>
    public Address FromAddress => From.Address;

    /// <inheritdoc />
    public override Address? Sender => From.Address;
}
