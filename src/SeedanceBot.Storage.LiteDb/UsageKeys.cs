using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>A job's user and workspace keys (hashes), computed on the caller's thread before the writer's turn.</summary>
internal readonly record struct UsageKeys(string User, string Workspace)
{
    public static UsageKeys Of(BotJob job) =>
        new(JobKeys.User(job.Origin.Platform, job.Origin.WorkspaceId, job.UserId), JobKeys.Workspace(job.Origin.Platform, job.Origin.WorkspaceId));
}
