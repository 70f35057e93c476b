using SeedanceBot.Core.Diagnostics;

namespace SeedanceBot;

/// <summary>
/// <c>GET /readyz</c>: every part's readiness (storage, each enabled chat connection, the video API) as JSON; 200 when
/// none is "not ready" (a degraded video API still serves commands), else 503.
/// </summary>
internal static class Readyz
{
    public const string Path = "/readyz";

    public static async Task<IResult> HandleAsync(IEnumerable<IReadinessProbe> probes, CancellationToken cancellationToken)
    {
        var checks = new List<ReadyzCheck>();
        var worst = ReadinessState.Ready;
        foreach (var probe in probes)
        {
            var result = await probe.CheckAsync(cancellationToken);
            worst = (ReadinessState)Math.Max((int)worst, (int)result.State);
            checks.Add(new ReadyzCheck(probe.Name, Word(result.State), result.Description));
        }

        var body = new ReadyzBody(Word(worst), checks);
        return Results.Json(body, HostJsonContext.Default.ReadyzBody, statusCode: worst == ReadinessState.NotReady ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Word(ReadinessState state) => state switch
    {
        ReadinessState.Ready => "ready",
        ReadinessState.Degraded => "degraded",
        _ => "not_ready",
    };
}
