namespace SeedanceBot.Core.Video;

/// <summary>
/// One request budget for the video API shared by every replica: fixed windows of a named bucket (e.g. the Seedance
/// window the server announced, or ModelArk's minute), each allowing at most a limit of requests in total. Each
/// process's own rate-limit gate still orders its callers (by <see cref="CallPriority"/>) and learns from answers; it
/// takes one request here before sending. A store one process owns lets every request through (the gate is enough).
/// </summary>
public interface IRequestBudget
{
    /// <summary>Whether other processes share this budget (a gate then learns each window before spending from it).</summary>
    bool IsShared { get; }

    /// <summary>
    /// Takes one request from <paramref name="bucket"/>'s window that ends at <paramref name="windowEnd"/>, if fewer than
    /// <paramref name="limit"/> were taken from it; false when that window is spent (by any replica).
    /// </summary>
    Task<bool> TryTakeAsync(string bucket, DateTimeOffset windowEnd, int limit, CancellationToken cancellationToken);
}
