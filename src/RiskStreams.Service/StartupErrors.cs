namespace RiskStreams.Service;

/// <summary>Start-up failures that are the operator's input, not a bug: told in one line (exit 2) instead of a stack trace.</summary>
internal static class StartupErrors
{
    /// <summary>One line naming the file or port, or null when <paramref name="error"/> is not such a failure.</summary>
    public static string? Describe(Exception error) => error switch
    {
        FileNotFoundException { FileName: { } file } => $"file {file} does not exist.",
        DirectoryNotFoundException e => e.Message,
        UnauthorizedAccessException e => e.Message,

        // Kestrel: "Failed to bind to address http://0.0.0.0:9464: address already in use."
        IOException e when e.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal) =>
            $"{e.Message.TrimEnd('.')} (the metrics/health port: --metrics-port or RiskStreams:Metrics:Port).",
        _ => null,
    };
}
