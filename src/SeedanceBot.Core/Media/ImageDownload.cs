using System.Globalization;
using System.Net.Http.Headers;

namespace SeedanceBot.Core.Media;

/// <summary>
/// Fetches a user's file from a chat platform at once (its link expires), refusing more than <c>maxBytes</c> while it
/// reads: a declared length over the limit is refused before the body, and a body is never buffered past the limit
/// (<see cref="BoundedBody"/>). Adapters check the host first (only the platform's own file hosts) and say whose file it is.
/// </summary>
public static class ImageDownload
{
    /// <summary>The bytes, or why there are none (a phrase to follow "the first frame (cat.png) ...").</summary>
    public static async Task<(byte[]? Content, string? Problem)> GetAsync(HttpClient http, Uri url, AuthenticationHeaderValue? authorization, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = authorization;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"could not be downloaded (HTTP {(int)response.StatusCode}); attach it again"));
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = await BoundedBody.ReadAsync(body, (int)Math.Min(maxBytes, int.MaxValue), cancellationToken);
            return bytes is null ? (null, TooLarge(maxBytes)) : (bytes, null);
        }
        catch (HttpRequestException)
        {
            return (null, "could not be downloaded; attach it again");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "took too long to download; attach it again");
        }
    }

    /// <summary>
    /// Whether a file link may be fetched: https on the default port from one of the platform's own file hosts, or from
    /// a host configured besides them (tests' fakes; http allowed there).
    /// </summary>
    public static bool IsAllowed(Uri url, IEnumerable<string> platformHosts, IEnumerable<string> extraHosts)
    {
        ArgumentNullException.ThrowIfNull(url);
        return (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && platformHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            || ((url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                && extraHosts.Any(h => string.Equals(h, url.Authority, StringComparison.OrdinalIgnoreCase) || string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>"The first frame (cat.png)": how a refusal names a user's file; no markup or mention can come of the name.</summary>
    public static string Label(Video.ImageRole role, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var kept = new string([.. fileName.Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ').Take(80)]);
        return $"The {ImageChecks.RoleName(role)} ({(kept.Length == 0 ? "file" : kept)})";
    }

    public static string TooLarge(long maxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"is larger than {maxBytes / (1024 * 1024)} MB, the most an image may be");
}
