using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Quotas;

/// <summary>What people read about quotas: a refusal says which limit, the usage, and when it resets.</summary>
public static class QuotaMessages
{
    public static string Refusal(QuotaRefusal refusal, QuotaCheck check, QuotaUsage usage, int requestedSeconds, QuotaClock clock)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(clock);
        var resets = $"Your quota resets in {JobMessages.Elapsed(clock.Now, clock.NextReset(clock.Now))} (at midnight {clock.Zone.Id}).";
        var limits = check.User;
        return refusal switch
        {
            QuotaRefusal.ConcurrentJobs => $"You already have {usage.Running} video(s) in progress (limit {limits?.MaxConcurrentJobs}). Wait for one to finish.",
            QuotaRefusal.DailyVideos => $"You've made {usage.Videos} of your {limits?.DailyVideos} videos today. {resets}",
            QuotaRefusal.DailySeconds => $"That needs {requestedSeconds} s, but you have {Math.Max(0, (limits?.DailySeconds ?? 0) - usage.Seconds)} s of your {limits?.DailySeconds} s left today. Try a shorter video. {resets}",
            QuotaRefusal.WorkspaceDailyVideos => $"This workspace has used its {check.WorkspaceDailyVideos} videos for today. {resets}",
            QuotaRefusal.WorkspaceDailySeconds => $"This workspace has used its {check.WorkspaceDailySeconds} s of video for today. {resets}",
            _ => "You are over your quota.",
        };
    }
}
