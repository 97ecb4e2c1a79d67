namespace RiskStreams.DevStack.Internal;

/// <summary>Kafka's rules for topic names, which the mock cluster does not check itself.</summary>
internal static class KafkaTopicName
{
    private const int MaxLength = 249;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a legal Kafka topic name.</summary>
    public static void Validate(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        if (name.Length > MaxLength || name is "." or ".." || !name.All(IsLegal))
        {
            throw new ArgumentException(
                $"'{name}' is not a legal Kafka topic name: use 1-{MaxLength} of [a-zA-Z0-9._-], not '.' or '..'.",
                parameterName);
        }
    }

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
