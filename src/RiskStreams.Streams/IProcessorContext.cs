namespace RiskStreams.Streams;

/// <summary>What a processor sees of its task: identity, time, stores, scheduling.</summary>
public interface IProcessorContext
{
    /// <summary>Application id.</summary>
    string ApplicationId { get; }

    /// <summary>The task this processor runs in.</summary>
    TaskId TaskId { get; }

    /// <summary>Source position of the record being processed, or null inside a wall-clock punctuation.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>The task's stream time: the largest record timestamp it has processed (or <see cref="long.MinValue"/>).</summary>
    long StreamTime { get; }

    /// <summary>Wall-clock time, epoch milliseconds (mockable in the test driver).</summary>
    long WallClockTime { get; }

    /// <summary>A state store connected to this processor.</summary>
    TStore GetStateStore<TStore>(string name)
        where TStore : class;

    /// <summary>Calls <paramref name="punctuator"/> every <paramref name="interval"/> of stream time or wall-clock time, with the time that triggered it.</summary>
    IDisposable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator);
}

/// <summary>A processor context that forwards typed records to the processor's children.</summary>
/// <typeparam name="TKeyOut">Output key type.</typeparam>
/// <typeparam name="TValueOut">Output value type.</typeparam>
public interface IProcessorContext<TKeyOut, TValueOut> : IProcessorContext
{
    /// <summary>Sends <paramref name="record"/> to every child.</summary>
    void Forward(Record<TKeyOut, TValueOut> record);

    /// <summary>Sends <paramref name="record"/> to the named child only.</summary>
    void Forward(Record<TKeyOut, TValueOut> record, string childName);
}
