using System.Runtime.InteropServices;
using RiskStreams.Streams;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// Function pointers into the librdkafka that Confluent.Kafka uses (resolved through <see cref="Librdkafka.Handle"/>,
/// never by name), for the handle and mock-cluster calls Confluent.Kafka does not expose.
/// </summary>
internal sealed unsafe class MockClusterApi
{
    private static readonly Lazy<MockClusterApi> Shared = new(() => new MockClusterApi(Librdkafka.Handle));

    private MockClusterApi(nint library)
    {
        ConfNew = (delegate* unmanaged[Cdecl]<nint>)Export(library, "rd_kafka_conf_new");
        ConfSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)Export(library, "rd_kafka_conf_set");
        ConfSetOpaque = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export(library, "rd_kafka_conf_set_opaque");
        ConfSetLogCallback = (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void>, void>)
            Export(library, "rd_kafka_conf_set_log_cb");
        ConfDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(library, "rd_kafka_conf_destroy");
        New = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)Export(library, "rd_kafka_new");
        Destroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(library, "rd_kafka_destroy");
        Opaque = (delegate* unmanaged[Cdecl]<nint, nint>)Export(library, "rd_kafka_opaque");
        ErrorName = (delegate* unmanaged[Cdecl]<int, byte*>)Export(library, "rd_kafka_err2name");
        ErrorString = (delegate* unmanaged[Cdecl]<int, byte*>)Export(library, "rd_kafka_err2str");
        ClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)Export(library, "rd_kafka_mock_cluster_new");
        ClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, byte*>)Export(library, "rd_kafka_mock_cluster_bootstraps");
        ClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(library, "rd_kafka_mock_cluster_destroy");
        TopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)Export(library, "rd_kafka_mock_topic_create");
        BrokerSetHostPort = (delegate* unmanaged[Cdecl]<nint, int, byte*, int, void>)
            Export(library, "rd_kafka_mock_broker_set_host_port");
        GroupInitialRebalanceDelay = (delegate* unmanaged[Cdecl]<nint, int, void>)
            Export(library, "rd_kafka_mock_group_initial_rebalance_delay_ms");
        PushRequestErrors = (delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void>)
            Export(library, "rd_kafka_mock_push_request_errors_array");
        BrokerSetDown = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(library, "rd_kafka_mock_broker_set_down");
        BrokerSetUp = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(library, "rd_kafka_mock_broker_set_up");
    }

    /// <summary>The table bound to the process's librdkafka (loading it first if needed).</summary>
    public static MockClusterApi Instance => Shared.Value;

    /// <summary><c>rd_kafka_conf_t *rd_kafka_conf_new(void)</c></summary>
    public delegate* unmanaged[Cdecl]<nint> ConfNew { get; }

    /// <summary><c>rd_kafka_conf_res_t rd_kafka_conf_set(conf, name, value, errstr, errstr_size)</c>; 0 is OK.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> ConfSet { get; }

    /// <summary><c>void rd_kafka_conf_set_opaque(conf, opaque)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, nint, void> ConfSetOpaque { get; }

    /// <summary><c>void rd_kafka_conf_set_log_cb(conf, void (*log_cb)(const rd_kafka_t*, int, const char*, const char*))</c></summary>
    public delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void>, void> ConfSetLogCallback { get; }

    /// <summary><c>void rd_kafka_conf_destroy(conf)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, void> ConfDestroy { get; }

    /// <summary><c>rd_kafka_t *rd_kafka_new(type, conf, errstr, errstr_size)</c>; takes ownership of conf on success.</summary>
    public delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> New { get; }

    /// <summary><c>void rd_kafka_destroy(rk)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, void> Destroy { get; }

    /// <summary><c>void *rd_kafka_opaque(const rd_kafka_t *rk)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, nint> Opaque { get; }

    /// <summary><c>const char *rd_kafka_err2name(rd_kafka_resp_err_t)</c></summary>
    public delegate* unmanaged[Cdecl]<int, byte*> ErrorName { get; }

    /// <summary><c>const char *rd_kafka_err2str(rd_kafka_resp_err_t)</c></summary>
    public delegate* unmanaged[Cdecl]<int, byte*> ErrorString { get; }

    /// <summary><c>rd_kafka_mock_cluster_t *rd_kafka_mock_cluster_new(rk, broker_cnt)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, int, nint> ClusterNew { get; }

    /// <summary><c>const char *rd_kafka_mock_cluster_bootstraps(mcluster)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, byte*> ClusterBootstraps { get; }

    /// <summary><c>void rd_kafka_mock_cluster_destroy(mcluster)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, void> ClusterDestroy { get; }

    /// <summary><c>rd_kafka_resp_err_t rd_kafka_mock_topic_create(mcluster, topic, partition_cnt, replication_factor)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> TopicCreate { get; }

    /// <summary><c>void rd_kafka_mock_broker_set_host_port(mcluster, broker_id, host, port)</c>: advertised address only.</summary>
    public delegate* unmanaged[Cdecl]<nint, int, byte*, int, void> BrokerSetHostPort { get; }

    /// <summary><c>void rd_kafka_mock_group_initial_rebalance_delay_ms(mcluster, delay_ms)</c></summary>
    public delegate* unmanaged[Cdecl]<nint, int, void> GroupInitialRebalanceDelay { get; }

    /// <summary><c>void rd_kafka_mock_push_request_errors_array(mcluster, ApiKey, cnt, errors)</c>: the next cnt requests of ApiKey fail with these errors.</summary>
    public delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void> PushRequestErrors { get; }

    /// <summary><c>rd_kafka_resp_err_t rd_kafka_mock_broker_set_down(mcluster, broker_id)</c>: closes the broker's connections and refuses new ones.</summary>
    public delegate* unmanaged[Cdecl]<nint, int, int> BrokerSetDown { get; }

    /// <summary><c>rd_kafka_resp_err_t rd_kafka_mock_broker_set_up(mcluster, broker_id)</c>: the broker accepts connections again.</summary>
    public delegate* unmanaged[Cdecl]<nint, int, int> BrokerSetUp { get; }

    /// <summary>The librdkafka name of an error code, e.g. <c>TOPIC_ALREADY_EXISTS</c>.</summary>
    public string NameOf(int error) => Marshal.PtrToStringUTF8((nint)ErrorName(error)) ?? $"error {error}";

    /// <summary>The librdkafka description of an error code.</summary>
    public string Describe(int error) => Marshal.PtrToStringUTF8((nint)ErrorString(error)) ?? string.Empty;

    private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
}
