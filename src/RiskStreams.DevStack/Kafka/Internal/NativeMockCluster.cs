using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// One librdkafka mock cluster and the <c>rd_kafka_t</c> handle it runs under. Calls are serialized with disposal, so
/// no call reaches a destroyed cluster.
/// </summary>
internal sealed unsafe class NativeMockCluster : IDisposable
{
    private const int ProducerType = 0;
    private const int ErrorStringSize = 512;

    private readonly MockClusterApi api;
    private readonly Lock gate = new();
    private GCHandle loggerHandle;
    private nint kafka;
    private nint cluster;

    private NativeMockCluster(MockClusterApi api, GCHandle loggerHandle, nint kafka, nint cluster)
    {
        this.api = api;
        this.loggerHandle = loggerHandle;
        this.kafka = kafka;
        this.cluster = cluster;
        Bootstraps = Marshal.PtrToStringUTF8((nint)api.ClusterBootstraps(cluster)) ?? string.Empty;
    }

    /// <summary>The brokers' real listeners as librdkafka reports them, e.g. <c>127.0.0.1:40111,127.0.0.1:40113</c>.</summary>
    public string Bootstraps { get; }

    /// <summary>Creates the handle and a mock cluster of <paramref name="brokerCount"/> brokers on ephemeral loopback ports.</summary>
    public static NativeMockCluster Create(int brokerCount, ILogger logger)
    {
        var api = MockClusterApi.Instance;
        var loggerHandle = GCHandle.Alloc(logger);
        var conf = api.ConfNew();
        var kafka = (nint)0;
        var ownsConf = true; // rd_kafka_new takes the conf only when it succeeds
        try
        {
            api.ConfSetOpaque(conf, GCHandle.ToIntPtr(loggerHandle));
            api.ConfSetLogCallback(conf, NativeLogBridge.Callback);
            Set(api, conf, "client.id", "riskstreams-embedded-kafka");

            var error = stackalloc byte[ErrorStringSize];
            kafka = api.New(ProducerType, conf, error, ErrorStringSize);
            if (kafka == 0)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)error)}");
            }

            ownsConf = false;

            var cluster = api.ClusterNew(kafka, brokerCount);
            if (cluster == 0)
            {
                throw new InvalidOperationException($"rd_kafka_mock_cluster_new({brokerCount}) failed; see the log.");
            }

            return new NativeMockCluster(api, loggerHandle, kafka, cluster);
        }
        catch
        {
            if (ownsConf)
            {
                api.ConfDestroy(conf);
            }

            if (kafka != 0)
            {
                api.Destroy(kafka);
            }

            loggerHandle.Free();
            throw;
        }
    }

    /// <summary>Creates a topic; returns librdkafka's error code (0 when created).</summary>
    public int CreateTopic(string name, int partitions, int replicationFactor)
    {
        var topic = NativeUtf8.Encode(name);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            fixed (byte* topicPointer = topic)
            {
                return api.TopicCreate(cluster, topicPointer, partitions, replicationFactor);
            }
        }
    }

    /// <summary>Makes the next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/> fail, one error each, in order.</summary>
    public void PushRequestErrors(short apiKey, int[] errors)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            fixed (int* errorsPointer = errors)
            {
                api.PushRequestErrors(cluster, apiKey, (nuint)errors.Length, errorsPointer);
            }
        }
    }

    /// <summary>Changes the address the broker advertises in metadata (its listener stays where it is).</summary>
    public void SetAdvertisedAddress(int brokerId, string host, int port)
    {
        var hostBytes = NativeUtf8.Encode(host);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            fixed (byte* hostPointer = hostBytes)
            {
                api.BrokerSetHostPort(cluster, brokerId, hostPointer, port);
            }
        }
    }

    /// <summary>Sets the consumer groups' initial rebalance delay (a real broker's default is 3 s).</summary>
    public void SetGroupInitialRebalanceDelay(int delayMs)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            api.GroupInitialRebalanceDelay(cluster, delayMs);
        }
    }

    /// <summary>Takes broker <paramref name="brokerId"/> down (up when <paramref name="up"/>); returns librdkafka's error code (0 when done).</summary>
    public int SetBrokerUp(int brokerId, bool up)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            return up ? api.BrokerSetUp(cluster, brokerId) : api.BrokerSetDown(cluster, brokerId);
        }
    }

    /// <summary>librdkafka's name for an error code.</summary>
    public string ErrorName(int error) => api.NameOf(error);

    /// <summary>librdkafka's description of an error code.</summary>
    public string ErrorDescription(int error) => api.Describe(error);

    /// <summary>Destroys the mock cluster, then the handle it runs under. Idempotent.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (cluster == 0)
            {
                return;
            }

            api.ClusterDestroy(cluster);
            cluster = 0;
            api.Destroy(kafka);
            kafka = 0;
            loggerHandle.Free(); // after rd_kafka_destroy: no log callback can run any more
        }
    }

    private static void Set(MockClusterApi api, nint conf, string name, string value)
    {
        var error = stackalloc byte[ErrorStringSize];
        fixed (byte* namePointer = NativeUtf8.Encode(name))
        fixed (byte* valuePointer = NativeUtf8.Encode(value))
        {
            if (api.ConfSet(conf, namePointer, valuePointer, error, ErrorStringSize) != 0)
            {
                throw new InvalidOperationException(
                    $"rd_kafka_conf_set({name}={value}) failed: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }
    }
}
