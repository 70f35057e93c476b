namespace SeedanceBot;

/// <summary>The store this replica runs on (<c>Storage:Provider</c>) and its readiness, in <c>GET /readyz</c>.</summary>
internal sealed record ReadyzStorage(string Provider, string State);
