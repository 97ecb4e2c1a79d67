using System.Globalization;
using Avro;
using RiskStreams.Avro;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// The embedded registry's state: schemas by global id (one id per canonical schema, shared across
/// subjects, like the Confluent registry), subjects with their versions, and the compatibility levels
/// (global, and per subject where set). Schemas are compared by their normalized text (parsed and
/// printed again by Apache.Avro), so <c>normalize=true</c> changes nothing here.
/// One lock guards everything; the registry is for development and tests, not throughput.
/// </summary>
internal sealed class RegistryStore
{
    private readonly Lock _lock = new();
    private readonly List<(string Canonical, Schema Schema)> _schemasById = [];
    private readonly Dictionary<string, int> _idsByCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);
    private CompatibilityLevel _level = CompatibilityLevel.Backward;

    /// <summary>The global compatibility level, used by subjects without their own.</summary>
    internal CompatibilityLevel Level
    {
        get { lock (_lock) { return _level; } }
        set { lock (_lock) { _level = value; } }
    }

    /// <summary>The subject's own level; or, when it has none, the global one if <paramref name="defaultToGlobal"/>, else an error (40408).</summary>
    internal CompatibilityLevel SubjectLevel(string subject, bool defaultToGlobal)
    {
        lock (_lock)
        {
            return _subjectLevels.TryGetValue(subject, out var level) ? level
                : defaultToGlobal ? _level
                : throw RegistryError.SubjectLevelNotConfigured(subject);
        }
    }

    internal void SetSubjectLevel(string subject, CompatibilityLevel level)
    {
        lock (_lock)
        {
            _subjectLevels[subject] = level;
        }
    }

    /// <summary>Removes the subject's own level and returns it (40408 when it had none).</summary>
    internal CompatibilityLevel DeleteSubjectLevel(string subject)
    {
        lock (_lock)
        {
            return _subjectLevels.Remove(subject, out var level) ? level : throw RegistryError.SubjectLevelNotConfigured(subject);
        }
    }

    /// <summary>The version of <paramref name="subject"/> holding exactly this schema (40401 unknown subject, 40403 not under it).</summary>
    internal SubjectVersion Lookup(string subject, string schemaJson)
    {
        var canonical = Parse(schemaJson).ToString();
        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var versions))
            {
                throw RegistryError.SubjectNotFound(subject);
            }

            if (!_idsByCanonical.TryGetValue(canonical, out var id) || !versions.Contains(id))
            {
                throw RegistryError.SchemaNotFoundUnderSubject();
            }

            return new SubjectVersion(subject, versions.IndexOf(id) + 1, id, canonical);
        }
    }

    /// <summary>Registers a schema under a subject; the same schema again returns its existing id.</summary>
    internal int Register(string subject, string schemaJson)
    {
        var schema = Parse(schemaJson);
        var canonical = schema.ToString();
        lock (_lock)
        {
            if (_subjects.TryGetValue(subject, out var versions) && _idsByCanonical.TryGetValue(canonical, out var existing) && versions.Contains(existing))
            {
                return existing;
            }

            if (versions is { Count: > 0 })
            {
                var problems = Incompatibilities(subject, schema, versions);
                if (problems is not null)
                {
                    throw RegistryError.Incompatible(problems);
                }
            }

            if (!_idsByCanonical.TryGetValue(canonical, out var id))
            {
                _schemasById.Add((canonical, schema));
                id = _schemasById.Count;
                _idsByCanonical.Add(canonical, id);
            }

            if (versions is null)
            {
                versions = [];
                _subjects.Add(subject, versions);
            }

            versions.Add(id);
            return id;
        }
    }

    /// <summary>
    /// True when the schema could be registered under the subject by its rule (<paramref name="version"/>
    /// <c>latest</c>), or is compatible with that one version by the rule's direction.
    /// </summary>
    internal bool IsCompatible(string subject, string version, string schemaJson)
    {
        var schema = Parse(schemaJson);
        if (string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase))
        {
            lock (_lock)
            {
                return !_subjects.TryGetValue(subject, out var versions) || Incompatibilities(subject, schema, versions) is null;
            }
        }

        var one = GetVersion(subject, version);
        lock (_lock)
        {
            return Incompatibilities(subject, schema, [one.Id]) is null;
        }
    }

    internal string GetSchema(int id)
    {
        lock (_lock)
        {
            return id >= 1 && id <= _schemasById.Count ? _schemasById[id - 1].Canonical : throw RegistryError.SchemaNotFound(id);
        }
    }

    internal IReadOnlyList<string> Subjects()
    {
        lock (_lock)
        {
            return [.. _subjects.Keys.Order(StringComparer.Ordinal)];
        }
    }

    internal IReadOnlyList<int> Versions(string subject)
    {
        lock (_lock)
        {
            return _subjects.TryGetValue(subject, out var versions)
                ? [.. Enumerable.Range(1, versions.Count)]
                : throw RegistryError.SubjectNotFound(subject);
        }
    }

    /// <summary>Returns a version by number or <c>latest</c>.</summary>
    internal SubjectVersion GetVersion(string subject, string version)
    {
        var isLatest = string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase);
        var number = 0;
        if (!isLatest && (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            throw RegistryError.InvalidVersion(version);
        }

        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var versions))
            {
                throw RegistryError.SubjectNotFound(subject);
            }

            if (isLatest)
            {
                number = versions.Count;
            }

            if (number > versions.Count)
            {
                throw RegistryError.VersionNotFound(subject, version);
            }

            var id = versions[number - 1];
            return new SubjectVersion(subject, number, id, _schemasById[id - 1].Canonical);
        }
    }

    private string? Incompatibilities(string subject, Schema candidate, List<int> versions)
    {
        var level = _subjectLevels.GetValueOrDefault(subject, _level);
        if (level == CompatibilityLevel.None)
        {
            return null;
        }

        var earlier = level.IsTransitive() ? versions : versions.Skip(versions.Count - 1);
        var problems = new List<string>();
        foreach (var id in earlier)
        {
            var existing = _schemasById[id - 1].Schema;
            if (level.ChecksBackward())
            {
                var result = SchemaCompatibility.Check(reader: candidate, writer: existing);
                problems.AddRange(result.Incompatibilities.Select(issue => $"{{reader: new, writer: id {id}}} {issue}"));
            }

            if (level.ChecksForward())
            {
                var result = SchemaCompatibility.Check(reader: existing, writer: candidate);
                problems.AddRange(result.Incompatibilities.Select(issue => $"{{reader: id {id}, writer: new}} {issue}"));
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static Schema Parse(string schemaJson)
    {
        try
        {
            return Schema.Parse(schemaJson);
        }
        catch (Exception ex)
        {
            throw RegistryError.InvalidSchema(ex.Message);
        }
    }
}
