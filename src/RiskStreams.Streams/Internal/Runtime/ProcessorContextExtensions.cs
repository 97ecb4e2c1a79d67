namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Task-level services for built-in processors, reached through their processor context.</summary>
internal static class ProcessorContextExtensions
{
    /// <summary>Counts a record the processor dropped (late, null key) on its task; a no-op for contexts outside a task.</summary>
    public static void RecordDropped(this IProcessorContext context, string reason)
    {
        if (context is ITaskContextAccess access)
        {
            access.TaskContext.RecordDropped(reason);
        }
    }
}
