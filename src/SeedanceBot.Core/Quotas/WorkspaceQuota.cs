namespace SeedanceBot.Core.Quotas;

/// <summary>A workspace's settings: the default for its members, and caps for the whole workspace per day.</summary>
public sealed record WorkspaceQuota(QuotaOverride MemberDefault, int? DailyVideosCap = null, int? DailySecondsCap = null);
