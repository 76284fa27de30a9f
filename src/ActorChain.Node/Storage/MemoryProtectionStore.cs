using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Storage;

/// <summary>
/// An <see cref="IProtectionStore"/> in memory, for embedded <c>run</c> and <c>simulate</c>: it survives a restarted
/// validator actor, not a restarted process. Records are immutable, so it keeps them as they are. Thread-safe.
/// </summary>
public sealed class MemoryProtectionStore : IProtectionStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, SlashingProtectionRecord> _records = new(StringComparer.Ordinal);
    private bool _closed;

    /// <inheritdoc />
    public SlashingProtectionRecord? Load(string validatorName)
    {
        lock (_lock)
        {
            Open();
            return _records.GetValueOrDefault(ChainStores.CheckValidatorName(validatorName));
        }
    }

    /// <inheritdoc />
    public void Save(string validatorName, SlashingProtectionRecord record)
    {
        lock (_lock)
        {
            Open();
            var name = ChainStores.CheckValidatorName(validatorName);
            _records[name] = record ?? throw new ArgumentNullException(nameof(record));
        }
    }

    /// <inheritdoc />
    public bool TryRecord(string validatorName, SlashingProtectionRecord expected, SlashingProtectionRecord next)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        lock (_lock)
        {
            Open();
            var name = ChainStores.CheckValidatorName(validatorName);
            if (_records.GetValueOrDefault(name, SlashingProtectionRecord.Empty) != expected)
            {
                return false;
            }

            _records[name] = next;
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names()
    {
        lock (_lock)
        {
            Open();
            return [.. _records.Keys];
        }
    }

    /// <inheritdoc />
    public string Location => "memory";

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }

    private void Open()
    {
        if (_closed)
        {
            throw new InvalidOperationException("the in-memory slashing-protection store is closed");
        }
    }
}
