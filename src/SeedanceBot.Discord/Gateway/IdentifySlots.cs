using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot.Discord.Gateway;

/// <summary>
/// Discord allows one IDENTIFY per rate-limit bucket (<c>shard_id % max_concurrency</c>) per 5 seconds, counted over
/// the whole bot, so over every replica: an identify first takes the bucket's lease (<c>discord-identify-{bucket}</c>)
/// for 5 s and a margin (replicas' messages travel apart; Discord counts on its own clock) and lets it expire. Each
/// identify is its own owner, so two shards of one replica in one bucket wait too.
/// </summary>
internal sealed class IdentifySlots(IReplicaLeases leases, ReplicaIdentity replica, TimeProvider time, ILogger<IdentifySlots> logger)
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);

    public static string LeaseName(int bucket) => FormattableString.Invariant($"discord-identify-{bucket}");

    /// <summary>Returns once this caller may identify in <paramref name="bucket"/>.</summary>
    public async Task WaitAsync(int bucket, CancellationToken cancellationToken)
    {
        var name = LeaseName(bucket);
        var owner = replica.Id + "/" + Guid.NewGuid().ToString("N");
        while (true)
        {
            TimeSpan wait;
            try
            {
                var now = time.GetUtcNow();
                if (await leases.TryAcquireAsync(name, owner, now + Spacing, cancellationToken))
                {
                    return;
                }

                var held = (await leases.ListAsync(name, cancellationToken)).FirstOrDefault(l => l.Name == name);
                wait = held is null ? MinimumWait : held.Until - now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The store is unreachable: identifying anyway could break the bucket for other replicas; wait and ask again.
                Log.GatewayIdentifySlotFailed(logger, bucket, ex);
                wait = Spacing;
            }

            await Task.Delay(wait < MinimumWait ? MinimumWait : wait > Spacing ? Spacing : wait, time, cancellationToken);
        }
    }
}
