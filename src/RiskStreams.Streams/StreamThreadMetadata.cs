namespace RiskStreams.Streams;

/// <summary>A stream thread of a <see cref="KafkaStreams"/> instance and the tasks it runs at the moment it was read.</summary>
/// <param name="ThreadName">The thread's name, <c>{applicationId}-StreamThread-{n}</c>; its clients' ids start with it.</param>
/// <param name="State">The thread's own state (<see cref="StreamsState.Running"/> once it has its assignment).</param>
/// <param name="ActiveTasks">The tasks the thread processes, ordered by sub-topology and partition.</param>
public sealed record StreamThreadMetadata(string ThreadName, StreamsState State, IReadOnlyList<TaskId> ActiveTasks);
