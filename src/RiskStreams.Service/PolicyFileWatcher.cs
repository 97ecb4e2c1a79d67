using Microsoft.Extensions.Logging;
using RiskStreams.Risk;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>
/// Reloads the policy when its file changes. An invalid file is reported and ignored: the policy in
/// force stays until a valid one replaces it.
/// </summary>
internal sealed partial class PolicyFileWatcher : IDisposable
{
    private readonly string _path;
    private readonly RiskPolicyHolder _holder;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;

    public PolicyFileWatcher(string path, RiskPolicyHolder holder, ILogger logger)
    {
        _path = Path.GetFullPath(path);
        _holder = holder;

        // The failure counter reads 0 from the start, so the first failure shows as an increase.
        ServiceMetrics.PolicyReloadFailures.Add(0, new KeyValuePair<string, object?>("source", "file"));
        _logger = logger;
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
            EnableRaisingEvents = true,
        };

        // Editors save in several steps; reload once things are quiet.
        _watcher.Changed += (_, _) => _debounce.Change(250, Timeout.Infinite);
        _watcher.Created += (_, _) => _debounce.Change(250, Timeout.Infinite);
        _watcher.Renamed += (_, _) => _debounce.Change(250, Timeout.Infinite);
    }

    public void Reload()
    {
        try
        {
            var next = RiskPolicyLoader.LoadFile(_path);
            if (_holder.Update(next))
            {
                LogReloaded(_logger, next.Version, _path);
            }
        }
        catch (PolicyValidationException ex)
        {
            ServiceMetrics.PolicyReloadFailures.Add(1, new KeyValuePair<string, object?>("source", "file"));
            LogInvalid(_logger, _path, string.Join("; ", ex.Errors.Select(e => e.Format(_path))), _holder.Current.Version);
        }
        catch (IOException ex)
        {
            ServiceMetrics.PolicyReloadFailures.Add(1, new KeyValuePair<string, object?>("source", "file"));
            LogInvalid(_logger, _path, ex.Message, _holder.Current.Version);
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce.Dispose();
    }

    [LoggerMessage(1, LogLevel.Warning, "policy {Version} loaded from {Path}; it decides from the next event on")]
    private static partial void LogReloaded(ILogger logger, string version, string path);

    [LoggerMessage(2, LogLevel.Error, "policy file {Path} is invalid and was not loaded ({Errors}); policy {Version} stays in force")]
    private static partial void LogInvalid(ILogger logger, string path, string errors, string version);
}
