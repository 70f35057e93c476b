using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Media;

/// <summary>
/// Fetches a finished video's last frame, the first frame of the clip that continues it. The provider is asked for its
/// link at the time (links expire, and a provider may hand out a fresh one), then the image is downloaded without any
/// credentials, at most <see cref="ImageChecks.MaxBytes"/>, and handed to Core's image checks like any user's file.
/// </summary>
public sealed class LastFrames(IHttpClientFactory httpFactory, IVideoProvider provider, ILogger<LastFrames> logger)
{
    public const string ClientName = "video-frames";

    /// <summary>The frame's bytes, or null when it cannot be fetched (logged; the caller says so to the user).</summary>
    public async Task<byte[]?> GetAsync(BotJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        Uri? url = null;
        if (job.ProviderJobId is { } providerJobId)
        {
            try
            {
                url = await provider.GetLastFrameUrlAsync(providerJobId, cancellationToken);
            }
            catch (VideoProviderException ex)
            {
                Log.LastFrameLookupFailed(logger, job.Id, ex.Kind);
            }
        }

        if (url is null || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var (content, problem) = await ImageDownload.GetAsync(httpFactory.CreateClient(ClientName), url, null, ImageChecks.MaxBytes, cancellationToken);
        if (content is null)
        {
            Log.LastFrameDownloadFailed(logger, job.Id, problem ?? "no content");
        }

        return content;
    }
}
