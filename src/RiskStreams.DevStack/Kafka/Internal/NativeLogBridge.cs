using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// Routes the mock cluster's librdkafka log lines to an <see cref="ILogger"/> instead of stderr. The logger travels as
/// the handle's opaque (a <see cref="GCHandle"/>), so the callback can run on any librdkafka thread, even inside
/// <c>rd_kafka_new</c>.
/// </summary>
internal static unsafe class NativeLogBridge
{
    /// <summary>The callback to pass to <c>rd_kafka_conf_set_log_cb</c>.</summary>
    public static delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> Callback => &OnLog;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        try
        {
            var opaque = MockClusterApi.Instance.Opaque(rk);
            if (opaque == 0 || GCHandle.FromIntPtr(opaque).Target is not ILogger logger)
            {
                return;
            }

            // syslog levels: 0-3 emergency..error, 4 warning, 5 notice and up. The handle is no client, so its
            // notices (e.g. "no bootstrap.servers configured") are noise.
            var logLevel = level switch
            {
                <= 3 => LogLevel.Error,
                4 => LogLevel.Warning,
                _ => LogLevel.Debug,
            };
            if (logger.IsEnabled(logLevel))
            {
                EmbeddedKafkaLog.Native(
                    logger,
                    logLevel,
                    Marshal.PtrToStringUTF8((nint)facility) ?? string.Empty,
                    Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
            }
        }
        catch (Exception)
        {
            // An exception must never unwind into native code; a lost log line is the lesser harm.
        }
    }
}
