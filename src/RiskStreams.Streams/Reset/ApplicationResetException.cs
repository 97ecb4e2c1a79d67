namespace RiskStreams.Streams.Reset;

/// <summary>The reset refused to run (an instance is still running) or the cluster could not do a step; the message says which.</summary>
public sealed class ApplicationResetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApplicationResetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ApplicationResetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ApplicationResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
