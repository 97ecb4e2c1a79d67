using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Finds the restore path of a store layer.</summary>
internal static class RestorableStore
{
    /// <summary>The store as an <see cref="IRestorableStore"/>, or an error naming it when it cannot be rebuilt from a changelog.</summary>
    /// <exception cref="InvalidOperationException">The store does not implement <see cref="IRestorableStore"/>.</exception>
    public static IRestorableStore Of(IStateStore store) =>
        store as IRestorableStore ?? throw new InvalidOperationException(
            $"Store '{store.Name}' ({store.GetType().Name}) has a changelog but cannot be restored from it; disable logging for it or implement restoration.");
}
