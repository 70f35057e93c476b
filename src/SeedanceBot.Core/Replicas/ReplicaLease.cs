namespace SeedanceBot.Core.Replicas;

/// <summary>A held lease: who holds <paramref name="Name"/>, and until when.</summary>
public sealed record ReplicaLease(string Name, string Owner, DateTimeOffset Until);
