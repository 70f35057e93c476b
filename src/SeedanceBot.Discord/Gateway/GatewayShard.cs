namespace SeedanceBot.Discord.Gateway;

/// <summary>Which shard a Gateway session is: <c>shard: [Id, Count]</c> in IDENTIFY.</summary>
internal sealed record GatewayShard(int Id, int Count)
{
    public static readonly GatewayShard Single = new(0, 1);

    /// <summary>The identify rate-limit bucket: <c>shard_id % max_concurrency</c>.</summary>
    public int Bucket(int maxConcurrency) => Id % Math.Max(1, maxConcurrency);
}
