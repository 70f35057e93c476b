using System.Collections.Concurrent;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Testing.Fakes;

/// <summary>The media store of the test kit: bytes in a dictionary, with the durable stores' contract (MediaStoreContract).</summary>
public sealed class InMemoryMediaStore : IMediaStore
{
    private readonly ConcurrentDictionary<string, StoredMedia> _items = new(StringComparer.Ordinal);

    public IReadOnlyCollection<StoredMedia> Items => [.. _items.Values];

    public Task SaveAsync(string jobId, string key, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _items[key] = new StoredMedia(key, jobId, contentType, content.ToArray());
        return Task.CompletedTask;
    }

    public Task<StoredMedia?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(key, out var item) ? item with { Content = item.Content.ToArray() } : null);

    public Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var item in _items.Values.Where(i => i.JobId == jobId))
        {
            removed += _items.TryRemove(item.Key, out _) ? 1 : 0;
        }

        return Task.FromResult(removed);
    }
}
