namespace ActorChain.Core.Codec;

/// <summary>
/// Bytes from a peer or a file are not a canonical encoding of the expected value. Thrown only inside readers
/// (<see cref="CanonicalReader"/>, records' <c>Read</c>); <see cref="Canonical.TryDecode{T}"/> turns it into a reason.
/// </summary>
public sealed class MalformedEncodingException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public MalformedEncodingException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public MalformedEncodingException() { }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public MalformedEncodingException(string message, Exception inner) : base(message, inner) { }
}
