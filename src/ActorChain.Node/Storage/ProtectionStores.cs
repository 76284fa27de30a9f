using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Storage;

/// <summary>Operations every <see cref="IProtectionStore"/> shares, written once over its interface.</summary>
public static class ProtectionStores
{
    /// <summary>How many times <see cref="CheckAndRecord"/> loads again after losing a race before it gives up.</summary>
    public const int MaxAttempts = 64;

    /// <summary>
    /// The check-and-record before a signature: <paramref name="allow"/> turns a record into the one to write (or null
    /// to refuse), starting from <paramref name="known"/> (the caller's last view); on a lost race the record is loaded
    /// again and <paramref name="allow"/> asked again. Returns true when the updated record is durably stored; either
    /// way <paramref name="latest"/> is the record as stored now. Of any number of concurrent callers signing the same
    /// slot, exactly one gets true.
    /// </summary>
    public static bool CheckAndRecord(this IProtectionStore store, string validatorName, SlashingProtectionRecord known,
        Func<SlashingProtectionRecord, SlashingProtectionRecord?> allow, out SlashingProtectionRecord latest)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(allow);
        latest = known ?? throw new ArgumentNullException(nameof(known));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var next = allow(latest);
            if (next is null)
            {
                return false;
            }

            if (store.TryRecord(validatorName, latest, next))
            {
                latest = next;
                return true;
            }

            latest = store.Load(validatorName) ?? SlashingProtectionRecord.Empty;
        }

        throw new StoreException($"slashing-protection store {store.Location}: validator {validatorName}'s record kept "
            + $"changing under {MaxAttempts} attempts to record it");
    }
}
