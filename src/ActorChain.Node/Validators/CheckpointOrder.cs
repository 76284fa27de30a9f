using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Validators;

/// <summary>Checkpoints by (epoch, root): the order the PoS engine keeps its live checkpoints in.</summary>
internal sealed class CheckpointOrder : IComparer<Checkpoint>
{
    /// <summary>The one instance.</summary>
    public static CheckpointOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Checkpoint? a, Checkpoint? b) =>
        a!.Epoch != b!.Epoch ? a.Epoch.CompareTo(b.Epoch) : a.Root.CompareTo(b.Root);
}
