using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;

namespace RiskStreams.IntegrationTests;

/// <summary>Publishes card testing for an account: five 99 (minor units) purchases at distinct merchants within two minutes, which restricts it (SMALL_TXN_PROBING).</summary>
internal static class CardTesting
{
    public static async Task PublishAsync(StackFixture stack, string transactionsTopic, string account, DateTime from)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        for (var i = 0; i < 5; i++)
        {
            var at = from.AddSeconds(30 * i);
            publisher.Publish(new GeneratedEvent(transactionsTopic, account, new Transaction
            {
                eventId = $"{account}-probe-{i}", accountId = account, occurredAt = at, amountMinor = 99, currency = "CNY", merchantId = $"m-{i}",
                merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
            }, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}
