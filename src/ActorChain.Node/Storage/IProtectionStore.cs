using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Storage;

/// <summary>
/// The slashing-protection database of the validators a node hosts, by name. A validator checks its record, and
/// <see cref="Save"/>s the updated one durably, before it signs; it loads it again when it restarts.
/// </summary>
public interface IProtectionStore : IDisposable
{
    /// <summary>The record saved for <paramref name="validatorName"/>, or null if it never signed through this store.</summary>
    SlashingProtectionRecord? Load(string validatorName);

    /// <summary>Saves the record; returns once it is durable.</summary>
    void Save(string validatorName, SlashingProtectionRecord record);

    /// <summary>Where the store lives, for messages.</summary>
    string Location { get; }
}
