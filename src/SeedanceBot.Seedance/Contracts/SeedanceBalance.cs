namespace SeedanceBot.Seedance.Contracts;

/// <summary><c>GET /account/balance</c>.</summary>
public sealed record SeedanceBalance(decimal Balance, string? Unit);
