using SeedanceBot.Core.Styles;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Diagnostics;

/// <summary>
/// Whether the video API answers: a fresh styles list says so; otherwise the probe refreshes it (with a budget). An
/// unreachable API only degrades readiness: jobs wait and retry, and commands still get their answers.
/// </summary>
public sealed class VideoApiReadinessProbe(StylesCache styles, IVideoProvider provider, TimeProvider time, IProviderThrottle? throttle = null) : IReadinessProbe
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public string Name => "video-api";

    public async ValueTask<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (styles.IsStale || styles.LastFailure is not null)
            {
                await styles.RefreshAsync(cancellationToken).WaitAsync(Budget, time, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is VideoProviderException or TimeoutException)
        {
            return Readiness.Degraded($"{provider.Capabilities.Name} is not answering ({(ex as VideoProviderException)?.Kind.ToString() ?? "timeout"}); jobs wait and retry.");
        }

        return throttle?.ResumesAt is { } resumes && resumes > time.GetUtcNow()
            ? Readiness.Degraded($"{provider.Capabilities.Name} is rate limited until {resumes:O}.")
            : Readiness.Ready($"{provider.Capabilities.Name} answers.");
    }
}
