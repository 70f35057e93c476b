namespace SeedanceBot.Core.Video;

/// <summary>The provider account's credit.</summary>
public sealed record AccountBalance(decimal Amount, string Unit);
