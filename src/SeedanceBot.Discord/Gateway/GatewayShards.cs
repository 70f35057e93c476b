using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Gateway;

/// <summary>
/// The shards this replica runs. The count is <see cref="DiscordOptions.ShardCount"/> or, when 0, what
/// <c>GET /gateway/bot</c> recommends. Every third of <see cref="ReplicaOptions.LeaseDuration"/> the replica renews its
/// membership lease (<c>discord-replica-{id}</c>) and the lease of each shard it runs (<c>discord-shard-{n}</c>), stops
/// a shard whose lease it lost, takes free shards up to its share (all shards over the live replicas, rounded up) and
/// hands one shard over when it holds more than its share (a replica joined). A replica that dies stops renewing: its
/// shards' leases expire and the others take them. One <see cref="DiscordGateway"/> runs per held shard.
/// </summary>
internal sealed class GatewayShards(
    IDiscordRest rest,
    IReplicaLeases leases,
    ReplicaIdentity replica,
    IServiceProvider services,
    IOptions<DiscordOptions> options,
    IOptions<ReplicaOptions> replicaOptions,
    TimeProvider time,
    ILogger<GatewayShards> logger)
{
    public const string ShardPrefix = "discord-shard-";
    public const string MemberPrefix = "discord-replica-";
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<int, RunningShard> _running = new();

    /// <summary>The shard count, once known.</summary>
    public int? Count { get; private set; }

    /// <summary>The shards running here and their Gateway state.</summary>
    public IReadOnlyDictionary<int, GatewayStatus> Held => _running.ToDictionary(r => r.Key, r => r.Value.Gateway.Status);

    private TimeSpan Duration => replicaOptions.Value.LeaseDuration;

    private TimeSpan RenewEvery => Duration / 3;

    private string MemberLease => MemberPrefix + replica.Id;

    public static string ShardLease(int shard) => FormattableString.Invariant($"{ShardPrefix}{shard}");

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var count = await CountAsync(stopping);
            Count = count;

            // Alone, shards are taken at once. Joining live replicas, this one waits a beat as a member first, so
            // they see it and hand shards over instead of both racing for the free ones.
            var joined = false;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await TickAsync(count, joined, stopping);
                    joined = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    Log.ShardStoreFailed(logger, ex);
                    await StopExpiredAsync();
                }

                await Task.Delay(RenewEvery, time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            // Not released: a replica that is killed cannot release either. A graceful stop calls ReleaseAsync after.
            await Task.WhenAll(_running.Keys.ToList().Select(StopShardAsync));
        }
    }

    /// <summary>After a graceful stop: frees this replica's shard and membership leases so the others take over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        foreach (var lease in await leases.ListAsync(ShardPrefix, cancellationToken))
        {
            if (lease.Owner == replica.Id)
            {
                await leases.ReleaseAsync(lease.Name, replica.Id, cancellationToken);
            }
        }

        await leases.ReleaseAsync(MemberLease, replica.Id, cancellationToken);
    }

    /// <summary>Whether every shard has a live holder (this replica or another).</summary>
    public async Task<bool> AllHeldAsync(CancellationToken cancellationToken) =>
        Count is { } count && (await leases.ListAsync(ShardPrefix, cancellationToken)).Count(l => ShardOf(l.Name) is { } id && id < count) >= count;

    private async Task TickAsync(int count, bool joined, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var until = now + Duration;
        await leases.TryAcquireAsync(MemberLease, replica.Id, until, stopping);
        foreach (var (id, shard) in _running)
        {
            if (await leases.RenewAsync(ShardLease(id), replica.Id, until, stopping))
            {
                shard.HeldUntil = until;
            }
            else
            {
                Log.ShardLost(logger, id, replica.Id);
                await StopShardAsync(id);
            }
        }

        var members = await leases.ListAsync(MemberPrefix, stopping);
        if (!joined && members.Any(m => m.Owner != replica.Id))
        {
            return;
        }

        var replicas = Math.Max(1, members.Count);
        var share = (count + replicas - 1) / replicas;
        if (_running.Count > share)
        {
            // A replica joined: hand over one shard per beat (the highest), so the move is gradual and never all at once.
            var surplus = _running.Keys.Max();
            Log.ShardHandedOver(logger, surplus, replica.Id, _running.Count, share, replicas);
            await StopShardAsync(surplus);
            await leases.ReleaseAsync(ShardLease(surplus), replica.Id, stopping);
            return;
        }

        var held = (await leases.ListAsync(ShardPrefix, stopping)).Select(l => ShardOf(l.Name)).OfType<int>().ToHashSet();
        for (var id = 0; id < count && _running.Count < share; id++)
        {
            if (!held.Contains(id) && await leases.TryAcquireAsync(ShardLease(id), replica.Id, until, stopping))
            {
                Start(new GatewayShard(id, count), until);
            }
        }
    }

    private void Start(GatewayShard shard, DateTimeOffset heldUntil)
    {
        var gateway = services.GetRequiredService<DiscordGateway>();
        gateway.Shard = shard;
        var stop = new CancellationTokenSource();
        var running = new RunningShard(gateway, stop, Task.Run(() => gateway.RunAsync(stop.Token), CancellationToken.None)) { HeldUntil = heldUntil };
        _running[shard.Id] = running;
        Log.ShardAcquired(logger, shard.Id, shard.Count, replica.Id);
    }

    private async Task StopShardAsync(int id)
    {
        if (!_running.TryRemove(id, out var shard))
        {
            return;
        }

        await shard.Stop.CancelAsync();
        try
        {
            await shard.Running;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ShardStoreFailed(logger, ex);
        }
        finally
        {
            shard.Stop.Dispose();
        }
    }

    /// <summary>The store is unreachable: a shard whose lease ran out may be another replica's by now, so it stops.</summary>
    private async Task StopExpiredAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (id, shard) in _running)
        {
            if (shard.HeldUntil <= now)
            {
                Log.ShardLost(logger, id, replica.Id);
                await StopShardAsync(id);
            }
        }
    }

    private async Task<int> CountAsync(CancellationToken stopping)
    {
        if (options.Value.ShardCount > 0)
        {
            Log.ShardCount(logger, options.Value.ShardCount, "Discord:ShardCount");
            return options.Value.ShardCount;
        }

        for (var failures = 0; ; failures++)
        {
            try
            {
                var info = await rest.GetGatewayBotAsync(stopping);
                var count = Math.Max(1, info.Shards);
                Log.ShardCount(logger, count, "recommended by GET /gateway/bot");
                return count;
            }
            catch (Exception ex) when ((ex is DiscordApiException or HttpRequestException or TaskCanceledException) && !stopping.IsCancellationRequested)
            {
                Log.ShardCountFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(MaxRetry.TotalSeconds, Math.Pow(2, failures))), time, stopping);
            }
        }
    }

    private static int? ShardOf(string lease) =>
        lease.StartsWith(ShardPrefix, StringComparison.Ordinal) && int.TryParse(lease.AsSpan(ShardPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private sealed class RunningShard(DiscordGateway gateway, CancellationTokenSource stop, Task running)
    {
        public DiscordGateway Gateway { get; } = gateway;

        public CancellationTokenSource Stop { get; } = stop;

        public Task Running { get; } = running;

        public DateTimeOffset HeldUntil { get; set; }
    }
}
