using SeedanceBot.ModelArk.Contracts;

namespace SeedanceBot.ModelArk.Http;

/// <summary>Ark's content generation tasks. Failures throw <see cref="ModelArkApiException"/> (HTTP) or the transport's own exceptions.</summary>
internal interface IModelArkClient
{
    /// <summary>Creates a task; returns its id.</summary>
    Task<string> CreateAsync(ArkCreateTask task, CancellationToken cancellationToken);

    Task<ArkTask> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Tasks of the last 7 days, newest first; with <paramref name="taskIds"/>, only those (one call for many). Items are
    /// in the list's shape: no resolution, ratio or duration (GET a task for those).
    /// </summary>
    Task<IReadOnlyList<ArkListItem>> ListAsync(IReadOnlyCollection<string>? taskIds, int pageSize, CancellationToken cancellationToken);

    /// <summary>Cancels a queued task, or deletes a finished one's record.</summary>
    Task DeleteAsync(string taskId, CancellationToken cancellationToken);
}
