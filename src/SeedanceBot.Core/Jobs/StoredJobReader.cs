using System.Collections.Concurrent;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Reads a store's jobs from their stored text (<see cref="RecordJson"/>), reusing the record read before for a job whose
/// text has not changed since: the engine lists every open job on each pass and reads each again before its step, and
/// most have not changed in between, so only a changed job is parsed. The text is compared in full, so a reused record
/// is always what the store holds. At most <see cref="Capacity"/> jobs are kept; past that the reader starts over.
/// </summary>
public sealed class StoredJobReader
{
    public const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, Entry> _read = new(StringComparer.Ordinal);

    public BotJob Read(string id, string json)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(json);
        if (_read.TryGetValue(id, out var known) && string.Equals(known.Json, json, StringComparison.Ordinal))
        {
            return known.Job;
        }

        var job = RecordJson.Read<BotJob>(json);
        if (_read.Count >= Capacity)
        {
            _read.Clear();
        }

        _read[id] = new Entry(json, job);
        return job;
    }

    private sealed record Entry(string Json, BotJob Job);
}
