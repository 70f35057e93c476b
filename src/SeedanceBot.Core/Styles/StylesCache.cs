using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Styles;

/// <summary>
/// The provider's styles, cached for a few minutes: /styles shows them, /video validates against them, adapters offer
/// them as choices. When the provider fails, the last list is served (stale beats nothing).
/// </summary>
public sealed class StylesCache(IVideoProvider provider, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<VideoStyle> _styles = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The list as last fetched, without waiting (empty until the first fetch); for autocomplete.</summary>
    public IReadOnlyList<VideoStyle> Current => _styles;

    public async Task<IReadOnlyList<VideoStyle>> GetAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _fetchedAt < Lifetime)
        {
            return _styles;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _fetchedAt >= Lifetime)
            {
                try
                {
                    _styles = await provider.GetStylesAsync(cancellationToken);
                    _fetchedAt = time.GetUtcNow();
                }
                catch (VideoProviderException) when (_styles.Count > 0)
                {
                    // Keep serving the stale list; try again on the next call.
                }
            }

            return _styles;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();
}
