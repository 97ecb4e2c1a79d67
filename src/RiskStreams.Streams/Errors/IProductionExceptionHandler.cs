namespace RiskStreams.Streams;

/// <summary>
/// Decides about an output record that could not be produced: its serializer threw, or the broker refused it
/// (Kafka's <c>default.production.exception.handler</c>). With <see cref="ExceptionHandlerResponse.Continue"/> the record
/// is left out of the output topic and the input offsets are committed past it.
/// </summary>
public interface IProductionExceptionHandler
{
    /// <summary>Called on the stream thread (serialization) or the producer's delivery thread (broker errors); must not throw.</summary>
    /// <param name="context">The output record and, where known, the input record it came from.</param>
    /// <param name="error">The serializer's exception or the producer's <c>KafkaException</c>.</param>
    ExceptionHandlerResponse OnProductionError(ProductionErrorContext context, Exception error);
}
