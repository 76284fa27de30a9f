using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>Read access to accounts, shared by the immutable <see cref="Accounts"/> and its <see cref="Accounts.Builder"/>.</summary>
public interface IAccountView
{
    /// <summary>The account at <paramref name="address"/>, or <see cref="Account.Empty"/> if it was never touched.</summary>
    Account Get(Address address);
}
