namespace SeedanceBot.Core.Quotas;

/// <summary>One line of /quota top.</summary>
public sealed record UserUsage(string UserId, string? UserName, int Videos, int Seconds);
