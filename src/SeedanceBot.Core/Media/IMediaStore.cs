namespace SeedanceBot.Core.Media;

/// <summary>
/// Durable bytes a job needs later (its input images: chat links expire, and a restart, retry or re-roll must still have
/// them). Each item belongs to one job and goes with it.
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores (or replaces) <paramref name="content"/> under <paramref name="key"/>, owned by <paramref name="jobId"/>.</summary>
    Task SaveAsync(string jobId, string key, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The bytes stored under <paramref name="key"/>, or null when there are none.</summary>
    Task<StoredMedia?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes everything <paramref name="jobId"/> owns; returns how many items went.</summary>
    Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}
