using Confluent.Kafka;

namespace RiskStreams.Avro;

/// <summary>Subject names by the Confluent TopicNameStrategy: <c>{topic}-key</c> and <c>{topic}-value</c>.</summary>
public static class TopicNameStrategy
{
    /// <summary>Returns the subject for the key or value schema of a topic.</summary>
    /// <param name="topic">The Kafka topic.</param>
    /// <param name="component">Whether the schema is that of the key or of the value.</param>
    /// <returns>For example <c>credit.transactions-value</c>.</returns>
    public static string GetSubject(string topic, MessageComponentType component)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return component == MessageComponentType.Key ? topic + "-key" : topic + "-value";
    }
}
