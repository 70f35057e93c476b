using Microsoft.Extensions.Options;
using SeedanceBot.Core.Diagnostics;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot;

/// <summary>
/// <c>GET /readyz</c>: this replica's name, its store (provider and state), and every part's readiness (storage, each
/// enabled chat connection, the video API) as JSON; 200 when none is "not ready" (a degraded video API still serves
/// commands), else 503. A stopping replica answers 503 with <c>draining</c> at once (<see cref="ShutdownDrain"/>), so a
/// load balancer takes it out of rotation while it still serves.
/// </summary>
internal static class Readyz
{
    public const string Path = "/readyz";

    public const string StorageCheck = "storage";

    public static async Task<IResult> HandleAsync(
        IEnumerable<IReadinessProbe> probes,
        ReplicaIdentity replica,
        ShutdownDrain shutdown,
        IOptions<StorageProviderOptions> storage,
        CancellationToken cancellationToken)
    {
        var checks = new List<ReadyzCheck>();
        var worst = shutdown.Draining ? ReadinessState.NotReady : ReadinessState.Ready;
        ReadyzCheck? store = null;
        foreach (var probe in probes)
        {
            var result = await probe.CheckAsync(cancellationToken);
            worst = (ReadinessState)Math.Max((int)worst, (int)result.State);
            var check = new ReadyzCheck(probe.Name, Word(result.State), result.Description);
            store = probe.Name == StorageCheck ? check : store;
            checks.Add(check);
        }

        var body = new ReadyzBody(
            shutdown.Draining ? "draining" : Word(worst),
            replica.Id,
            new ReadyzStorage(storage.Value.Provider, store?.State ?? "unknown"),
            checks);
        return Results.Json(body, HostJsonContext.Default.ReadyzBody, statusCode: worst == ReadinessState.NotReady ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Word(ReadinessState state) => state switch
    {
        ReadinessState.Ready => "ready",
        ReadinessState.Degraded => "degraded",
        _ => "not_ready",
    };
}
