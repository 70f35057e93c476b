namespace SeedanceBot.Seedance.Contracts;

internal static class SeedanceJobStatuses
{
    public static SeedanceJobStatus Parse(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "succeeded" or "success" or "completed" => SeedanceJobStatus.Succeeded,
        "failed" or "error" => SeedanceJobStatus.Failed,
        "processing" or "queued" or "pending" or "running" or "in_progress" => SeedanceJobStatus.Processing,
        _ => SeedanceJobStatus.Unknown,
    };
}
