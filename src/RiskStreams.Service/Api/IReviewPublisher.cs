namespace RiskStreams.Service.Api;

/// <summary>Produces an analyst's decision to the reviews topic (key accountId), acknowledged before it returns.</summary>
internal interface IReviewPublisher
{
    Task PublishAsync(ReviewSubmission review, string reviewId, DateTimeOffset decidedAt, CancellationToken cancellationToken);
}
