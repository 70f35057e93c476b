namespace SeedanceBot.Seedance.Contracts;

/// <summary>An entry of <c>GET /styles</c>.</summary>
public sealed record SeedanceStyle(string Id, string? Name, string? Description);
