namespace SeedanceBot.Discord.Contracts;

/// <summary>Identify budget: <see cref="ResetAfter"/> is in milliseconds.</summary>
internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency = 1);
