namespace SeedanceBot.Testing.Discord;

/// <summary>An IDENTIFY the fake Gateway received: the shard it named and when, on the fake clock.</summary>
public sealed record FakeIdentify(int ShardId, int ShardCount, DateTimeOffset At, FakeGatewaySession Session);
