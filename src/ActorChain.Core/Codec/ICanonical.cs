namespace ActorChain.Core.Codec;

/// <summary>
/// A value with one canonical byte form (CONSENSUS.md §0). <see cref="Canonical.Encode{T}"/> gives the bytes and
/// <see cref="Canonical.Root{T}"/> gives <c>root(x) = H(canonical(x))</c>.
/// </summary>
public interface ICanonical
{
    /// <summary>Writes the canonical form, fields in declaration order.</summary>
    void WriteTo(CanonicalWriter w);
}
