namespace SeedanceBot;

/// <summary><c>GET /readyz</c>'s body: the worst state and every part's check.</summary>
internal sealed record ReadyzBody(string Status, IReadOnlyList<ReadyzCheck> Checks);
