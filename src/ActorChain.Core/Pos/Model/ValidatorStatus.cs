namespace ActorChain.Core.Pos.Model;

/// <summary>
/// A validator's standing at an epoch, read from its registry entry (CONSENSUS.md §5.3): Ethereum's beacon-API
/// statuses coarsened to five. See <see cref="ValidatorStatuses"/>.
/// </summary>
public enum ValidatorStatus
{
    /// <summary>Not yet active: activation lies in the future (or is not scheduled).</summary>
    Pending,

    /// <summary><c>activationEpoch ≤ epoch &lt; exitEpoch</c>, not slashed.</summary>
    Active,

    /// <summary>At or past its exit epoch, without having been slashed.</summary>
    Exited,

    /// <summary>Exited, not slashed, with an effective balance at or below EJECTION_BALANCE (§5.5).</summary>
    Ejected,

    /// <summary>Slashed, whatever its epochs.</summary>
    Slashed,
}

/// <summary>Derives a <see cref="ValidatorStatus"/> from a registry entry.</summary>
public static class ValidatorStatuses
{
    /// <summary>The status at <paramref name="epoch"/>, telling no ejection from an exit.</summary>
    public static ValidatorStatus Of(Validator v, ulong epoch)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.Slashed)
        {
            return ValidatorStatus.Slashed;
        }

        if (v.IsActive(epoch))
        {
            return ValidatorStatus.Active;
        }

        return epoch < v.ActivationEpoch ? ValidatorStatus.Pending : ValidatorStatus.Exited;
    }

    /// <summary>
    /// As <see cref="Of(Validator, ulong)"/>, telling an ejection from an exit. "Ejected" is inferred (exited, not
    /// slashed, effective balance ≤ EJECTION_BALANCE): the registry does not record why a validator exited.
    /// </summary>
    public static ValidatorStatus Of(Validator v, ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var s = Of(v, epoch);
        return s == ValidatorStatus.Exited && v.EffectiveBalance <= c.EjectionBalance ? ValidatorStatus.Ejected : s;
    }

    /// <summary>The name in lower case, as the API and the live view print it.</summary>
    public static string Label(this ValidatorStatus s) => s.ToString().ToLowerInvariant();
}
