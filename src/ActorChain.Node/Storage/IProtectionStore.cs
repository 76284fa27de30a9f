using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Storage;

/// <summary>
/// The slashing-protection database of the validators a node hosts, by name. A validator checks its record and records
/// the updated one durably (<see cref="TryRecord"/>, through <see cref="ProtectionStores.CheckAndRecord"/>) before it
/// signs; it loads it again when it restarts.
/// </summary>
public interface IProtectionStore : IDisposable
{
    /// <summary>The record saved for <paramref name="validatorName"/>, or null if it never signed through this store.</summary>
    SlashingProtectionRecord? Load(string validatorName);

    /// <summary>Saves the record unconditionally (a deliberately faulty signer, an import); returns once it is durable.</summary>
    void Save(string validatorName, SlashingProtectionRecord record);

    /// <summary>
    /// Atomically: if the stored record (<see cref="SlashingProtectionRecord.Empty"/> when there is none) equals
    /// <paramref name="expected"/>, saves <paramref name="next"/> durably and returns true; otherwise changes nothing and
    /// returns false (someone else recorded first: load again and decide again).
    /// </summary>
    bool TryRecord(string validatorName, SlashingProtectionRecord expected, SlashingProtectionRecord next);

    /// <summary>Every validator name with a record, in ordinal order.</summary>
    IReadOnlyList<string> Names();

    /// <summary>Where the store lives, for messages.</summary>
    string Location { get; }
}
