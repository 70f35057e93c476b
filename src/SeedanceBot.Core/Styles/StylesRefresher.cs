using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Styles;

/// <summary>
/// Keeps <see cref="StylesCache"/> fresh off every person's path: fetches at start, then every
/// <see cref="StylesCache.Lifetime"/>; after a failure it tries again sooner (<see cref="RetryAfterFailure"/>).
/// </summary>
internal sealed class StylesRefresher(StylesCache styles, TimeProvider time, ILogger<StylesRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The next attempt is due from this one's start, so however late this loop gets round, the rhythm holds.
            var attemptAt = time.GetUtcNow();
            var next = attemptAt + StylesCache.Lifetime;
            try
            {
                await styles.RefreshAsync(stoppingToken);
            }
            catch (VideoProviderException ex)
            {
                Log.StylesRefreshFailed(logger, ex.Kind.ToString());
                next = attemptAt + RetryAfterFailure;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StylesRefreshFailed(logger, ex.GetType().Name);
                next = attemptAt + RetryAfterFailure;
            }

            var wait = next - time.GetUtcNow();
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
