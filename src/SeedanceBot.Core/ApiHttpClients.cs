using System.Net;

namespace SeedanceBot.Core;

/// <summary>How every outgoing API client (video providers, chat platforms) is set up, in one place.</summary>
public static class ApiHttpClients
{
    /// <summary>
    /// Points <paramref name="http"/> at <paramref name="baseUrl"/> with a trailing slash (so a relative path such as
    /// <c>chat.postMessage</c> is appended to the base, not put in place of its last segment), leaves timeouts to the
    /// resilience pipeline (no HttpClient timeout) and names the bot in <c>User-Agent</c>.
    /// </summary>
    public static void UseApi(this HttpClient http, Uri baseUrl, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var text = baseUrl.ToString();
        http.BaseAddress = new Uri(text.EndsWith('/') ? text : text + "/");
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    /// <summary>Pooled connections renewed after <paramref name="connectionLifetime"/> (DNS changes are seen), compressed answers accepted.</summary>
    public static SocketsHttpHandler NewHandler(TimeSpan connectionLifetime) =>
        new() { PooledConnectionLifetime = connectionLifetime, AutomaticDecompression = DecompressionMethods.All };
}
