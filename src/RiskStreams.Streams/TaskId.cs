namespace RiskStreams.Streams;

/// <summary>Identity of a task: sub-topology and partition, printed as <c>{subtopology}_{partition}</c>.</summary>
public readonly record struct TaskId(int Subtopology, int Partition)
{
    /// <inheritdoc />
    public override string ToString() => $"{Subtopology}_{Partition}";
}
