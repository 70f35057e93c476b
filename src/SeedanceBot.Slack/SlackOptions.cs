namespace SeedanceBot.Slack;

/// <summary>The <c>Slack</c> configuration section.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    public static readonly Uri DefaultApiBaseUrl = new("https://slack.com/api");

    public SlackMode Mode { get; set; } = SlackMode.SocketMode;

    /// <summary>The bot token (<c>xoxb-</c>, OAuth &amp; Permissions page), used for every Web API call. A secret.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The app-level token (<c>xapp-</c>, scope <c>connections:write</c>) that opens Socket Mode connections. A secret.</summary>
    public string AppToken { get; set; } = string.Empty;

    /// <summary>The signing secret (Basic Information page) that verifies requests in <see cref="SlackMode.Http"/>. A secret.</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The Web API base; methods are <c>{base}/chat.postMessage</c> and so on.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>User ids treated as admins besides workspace admins and owners; read by Core's AdminPolicy.</summary>
    public IList<string> AdminUserIds { get; } = [];

    /// <summary>Also show the result reply (posted in the status message's thread) in the channel.</summary>
    public bool BroadcastResults { get; set; }

    /// <summary>Join a public channel the bot is not in when posting there fails with <c>not_in_channel</c> (scope <c>channels:join</c>).</summary>
    public bool JoinPublicChannels { get; set; } = true;

    /// <summary>Videos up to this size are uploaded into the thread; larger ones are linked.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) files users put in the /video form may also be downloaded from, over http
    /// or https, besides Slack's own <c>files.slack.com</c> (https only): tests, proxies. The bot token goes with each download.
    /// </summary>
    public IList<string> ExtraFileHosts { get; } = [];

    /// <summary>HTTP mode: signed requests whose timestamp is further than this from now are refused (replays).</summary>
    public TimeSpan MaxTimestampAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a workspace admin/owner answer from <c>users.info</c> is trusted.</summary>
    public TimeSpan AdminCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    public override string ToString() =>
        $"Mode={Mode}, BotToken={Redacted(BotToken)}, AppToken={Redacted(AppToken)}, SigningSecret={Redacted(SigningSecret)}, ApiBaseUrl={ApiBaseUrl}";

    private static string Redacted(string secret) => secret.Length == 0 ? "<missing>" : "<redacted>";
}
