using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Styles;

/// <summary>
/// The provider's styles, kept fresh in the background (<see cref="StylesRefresher"/>): /styles shows them, /video
/// validates against them, adapters offer them as choices, and none of them ever waits for the API. Until the first
/// fetch succeeds nothing is known and /video accepts any style id (the API's own answer decides); when a refresh fails
/// the last list stays (stale beats nothing).
/// </summary>
public sealed class StylesCache(IVideoProvider provider, TimeProvider time)
{
    /// <summary>How long a fetched list is fresh.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private IReadOnlyList<VideoStyle> _styles = [];
    private DateTimeOffset? _fetchedAt;
    private Task? _refresh;

    /// <summary>The list as last fetched (empty until the first fetch).</summary>
    public IReadOnlyList<VideoStyle> Current => _styles;

    /// <summary>Whether a list was ever fetched; until then a style cannot be checked.</summary>
    public bool IsKnown => _fetchedAt is not null;

    /// <summary>When the list was last fetched.</summary>
    public DateTimeOffset? FetchedAt => _fetchedAt;

    /// <summary>The last refresh's failure, cleared by the next success.</summary>
    public VideoProviderException? LastFailure { get; private set; }

    /// <summary>Whether the list is older than <see cref="Lifetime"/> (or was never fetched).</summary>
    public bool IsStale => _fetchedAt is not { } at || time.GetUtcNow() - at >= Lifetime;

    /// <summary>
    /// Fetches the list now; callers during a fetch share it. Throws the provider's failure (the last list stays).
    /// For the background refresher and readiness checks, never for a person's command.
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        Task refresh;
        lock (_gate)
        {
            // A finished task means no fetch is in flight (a fetch that completes at once never leaves one behind).
            if (_refresh is not { IsCompleted: false })
            {
                _refresh = FetchAsync();
            }

            refresh = _refresh;
        }

        return refresh.WaitAsync(cancellationToken);
    }

    private async Task FetchAsync()
    {
        try
        {
            // Detached from any one caller: a caller that gives up must not cancel the fetch the others share.
            _styles = await provider.GetStylesAsync(CancellationToken.None).ConfigureAwait(false);
            _fetchedAt = time.GetUtcNow();
            LastFailure = null;
        }
        catch (VideoProviderException ex)
        {
            LastFailure = ex;
            throw;
        }
    }
}
