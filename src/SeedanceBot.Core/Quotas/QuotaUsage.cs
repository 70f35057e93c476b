namespace SeedanceBot.Core.Quotas;

/// <summary>What counts against a quota right now: today's charged videos and seconds (reserved or committed) and running jobs.</summary>
public sealed record QuotaUsage(int Videos, int Seconds, int Running)
{
    public static QuotaUsage None { get; } = new(0, 0, 0);
}
