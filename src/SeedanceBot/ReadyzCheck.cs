namespace SeedanceBot;

/// <summary>One part's readiness in <c>GET /readyz</c>.</summary>
internal sealed record ReadyzCheck(string Name, string State, string? Description);
