using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.DevStack.Internal;
using RiskStreams.Streams;

namespace RiskStreams.DevStack;

/// <summary>
/// An in-process Kafka-protocol cluster on 127.0.0.1: librdkafka's mock cluster, driven through the same librdkafka
/// instance Confluent.Kafka uses (see <see cref="Librdkafka"/>). Producers, consumers, consumer groups, idempotent and
/// transactional producers and tools such as kcat reach it over real TCP.
/// </summary>
/// <remarks>
/// <para>
/// Limits of the mock: each partition keeps about 5 MiB (or 100k batches), dropping older data silently; there is no
/// CreateTopics/DescribeConfigs admin API (use <see cref="CreateTopic(string, int, int)"/>), no compaction, no
/// durability, and transactional offset commits are not stored. Producing to an unknown topic auto-creates it.
/// When the last member leaves a consumer group, the mock keeps the group rebalancing for that member's
/// <c>session.timeout.ms</c> minus 1 s before it admits a new member (a real broker empties the group at once):
/// consumers that hand a group over, such as an application restarted against the cluster, should use a short
/// session timeout (e.g. 6 s) or wait that long.
/// </para>
/// <para>
/// Fixed <see cref="EmbeddedKafkaClusterOptions.BootstrapPort"/>: librdkafka binds every mock broker to an ephemeral
/// port of its own choosing and has no way to choose it; <c>rd_kafka_mock_broker_set_host_port</c> changes only the
/// address a broker advertises in metadata (checked in librdkafka's source and by connecting: nothing listens on the
/// advertised port). So the cluster listens on 127.0.0.1 at the fixed port itself, forwards every connection there to
/// broker 1's real listener, and makes broker 1 advertise 127.0.0.1 at the fixed port, so clients that follow
/// metadata keep going through the forwarder. Other brokers (if any) stay on their own ports.
/// </para>
/// <para>Dispose the cluster: it holds native threads and sockets that no finalizer releases.</para>
/// </remarks>
public sealed class EmbeddedKafkaCluster : IAsyncDisposable, IDisposable
{
    private const string LoopbackHost = "127.0.0.1";

    private readonly NativeMockCluster native;
    private readonly TcpForwarder? forwarder;
    private readonly ILogger logger;
    private readonly Dictionary<int, IDisposable> heldPorts = [];
    private int disposed;

    private EmbeddedKafkaCluster(
        EmbeddedKafkaClusterOptions options, NativeMockCluster native, TcpForwarder? forwarder, string bootstrapServers, ILogger logger)
    {
        Options = options;
        this.native = native;
        this.forwarder = forwarder;
        BootstrapServers = bootstrapServers;
        this.logger = logger;
    }

    /// <summary>The options the cluster was started with.</summary>
    public EmbeddedKafkaClusterOptions Options { get; }

    /// <summary>The <c>bootstrap.servers</c> value for clients, e.g. <c>127.0.0.1:39092</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a cluster.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (one broker, any free port).</param>
    /// <param name="loggerFactory">Receives the cluster's log, including librdkafka's lines for the mock; optional.</param>
    /// <exception cref="InvalidOperationException">
    /// The options are invalid, librdkafka cannot be loaded, the fixed bootstrap port cannot be bound, or the mock
    /// cluster does not start.
    /// </exception>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaClusterOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new EmbeddedKafkaClusterOptions();
        options.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedKafkaCluster>();
        var libraryPath = Librdkafka.EnsureLoaded();

        var forwarder = options.BootstrapPort == 0 ? null : ListenOnFixedPort(options.BootstrapPort, logger);
        NativeMockCluster? native = null;
        try
        {
            native = NativeMockCluster.Create(options.BrokerCount, logger);
            EmbeddedKafkaLog.Started(logger, options.BrokerCount, native.Bootstraps, libraryPath);
            var delayMs = (int)options.GroupInitialRebalanceDelay.TotalMilliseconds;
            native.SetGroupInitialRebalanceDelay(delayMs);
            EmbeddedKafkaLog.RebalanceDelaySet(logger, delayMs);

            var bootstrapServers = native.Bootstraps;
            if (forwarder is not null)
            {
                const int brokerId = 1;
                var listener = BrokerListeners.Find(native.Bootstraps, options.BrokerCount, brokerId, logger);
                native.SetAdvertisedAddress(brokerId, LoopbackHost, options.BootstrapPort);
                forwarder.Start(listener);
                EmbeddedKafkaLog.BootstrapForwarded(logger, brokerId, LoopbackHost, options.BootstrapPort, listener.ToString());
                bootstrapServers = $"{LoopbackHost}:{options.BootstrapPort}";
            }

            return new EmbeddedKafkaCluster(options, native, forwarder, bootstrapServers, logger);
        }
        catch
        {
            forwarder?.Dispose();
            native?.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic with <see cref="EmbeddedKafkaClusterOptions.DefaultPartitions"/> partitions.</summary>
    /// <inheritdoc cref="CreateTopic(string, int, int)" path="/exception"/>
    public void CreateTopic(string name) => CreateTopic(name, Options.DefaultPartitions);

    /// <summary>
    /// Creates a topic. A topic that already exists is left as it is (whatever its partition count), so calling this
    /// again is harmless.
    /// </summary>
    /// <param name="name">A legal Kafka topic name.</param>
    /// <param name="partitions">At least 1.</param>
    /// <param name="replicationFactor">From 1 to the broker count.</param>
    /// <exception cref="ArgumentException">An argument is out of range or the name is not a legal topic name.</exception>
    /// <exception cref="InvalidOperationException">librdkafka refused; the message names its error.</exception>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        KafkaTopicName.Validate(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, Options.BrokerCount);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

        var error = native.CreateTopic(name, partitions, replicationFactor);
        var errorName = native.ErrorName(error);
        EmbeddedKafkaLog.TopicCreated(logger, name, partitions, replicationFactor, errorName);
        if (error is 0 or (int)ErrorCode.TopicAlreadyExists)
        {
            return;
        }

        throw new InvalidOperationException(
            $"Creating topic '{name}' ({partitions} partitions, replication factor {replicationFactor}) failed: " +
            $"{errorName} ({native.ErrorDescription(error)}).");
    }

    /// <summary>
    /// Fault injection: the next <paramref name="count"/> requests with Kafka API key <paramref name="apiKey"/> (0 = Produce,
    /// 1 = Fetch, 8 = OffsetCommit, ...) from any client fail with <paramref name="error"/>, as librdkafka's mock
    /// <c>rd_kafka_mock_push_request_errors</c> does.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public void FailNextRequests(short apiKey, ErrorCode error, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        native.PushRequestErrors(apiKey, Enumerable.Repeat((int)error, count).ToArray());
    }

    /// <summary>
    /// Fault injection: broker <paramref name="brokerId"/> (1-based) closes its connections and refuses new ones, as if
    /// it were down, until <see cref="BringBrokerUp"/> (librdkafka's <c>rd_kafka_mock_broker_set_down</c>). Its
    /// partitions keep their data and leadership; with one broker the whole cluster is unreachable meanwhile.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such broker.</exception>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public void TakeBrokerDown(int brokerId = 1) => SetBrokerUp(brokerId, up: false);

    /// <summary>Brings a broker taken down with <see cref="TakeBrokerDown"/> back (<c>rd_kafka_mock_broker_set_up</c>).</summary>
    /// <inheritdoc cref="TakeBrokerDown" path="/exception"/>
    public void BringBrokerUp(int brokerId = 1) => SetBrokerUp(brokerId, up: true);

    /// <summary>Creates each topic as <see cref="CreateTopic(string, int, int)"/> does, with replication factor 1.</summary>
    /// <inheritdoc cref="CreateTopic(string, int, int)" path="/exception"/>
    public void CreateTopics(IEnumerable<(string Name, int Partitions)> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var (name, partitions) in topics)
        {
            CreateTopic(name, partitions);
        }
    }

    private void SetBrokerUp(int brokerId, bool up)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, Options.BrokerCount);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        lock (heldPorts)
        {
            // librdkafka closes a downed broker's listener and binds the same port again when it comes back, aborting the
            // whole process if that fails; the port is an ephemeral one, which any outgoing connection on the machine may
            // take meanwhile. So the port stays bound by us while the broker is down, and is let go just before it is up.
            var listener = up ? null : BrokerListeners.Find(native.Bootstraps, Options.BrokerCount, brokerId, logger);
            if (up && heldPorts.Remove(brokerId, out var held))
            {
                held.Dispose();
            }

            var error = native.SetBrokerUp(brokerId, up);
            if (error != 0)
            {
                throw new InvalidOperationException($"Setting broker {brokerId} {(up ? "up" : "down")} failed: {native.ErrorName(error)} ({native.ErrorDescription(error)}).");
            }

            if (listener is not null && !heldPorts.ContainsKey(brokerId))
            {
                heldPorts[brokerId] = PortHold.Bind(listener);
            }
        }
    }

    /// <summary>Closes the bootstrap forwarder (if any), then destroys the mock cluster. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        forwarder?.Dispose();
        DestroyNative();
    }

    /// <summary>Closes the bootstrap forwarder and waits for its connections to end, then destroys the mock cluster. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (forwarder is not null)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }

        DestroyNative();
    }

    private static TcpForwarder ListenOnFixedPort(int port, ILogger logger)
    {
        try
        {
            return TcpForwarder.Listen(new IPEndPoint(IPAddress.Loopback, port), logger);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"The embedded Kafka cluster cannot listen on {LoopbackHost}:{port} " +
                $"({nameof(EmbeddedKafkaClusterOptions.BootstrapPort)}): {e.Message}.", e);
        }
    }

    private void DestroyNative()
    {
        native.Dispose();
        lock (heldPorts)
        {
            foreach (var held in heldPorts.Values)
            {
                held.Dispose();
            }

            heldPorts.Clear();
        }

        EmbeddedKafkaLog.Destroyed(logger, BootstrapServers);
    }
}
