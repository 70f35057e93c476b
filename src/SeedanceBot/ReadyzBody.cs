namespace SeedanceBot;

/// <summary><c>GET /readyz</c>'s body: the worst state (or <c>draining</c>), this replica, its store and every part's check.</summary>
internal sealed record ReadyzBody(string Status, string Replica, ReadyzStorage Storage, IReadOnlyList<ReadyzCheck> Checks);
