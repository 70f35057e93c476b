namespace SeedanceBot.Discord;

/// <summary>The <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public static readonly Uri DefaultApiBaseUrl = new("https://discord.com/api/v10");

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>The bot token from the developer portal (Bot page). A secret: never logged, never in messages.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The application id (General Information page).</summary>
    public string ApplicationId { get; set; } = string.Empty;

    /// <summary>The application's Ed25519 public key, hex (General Information page); needed in <see cref="DiscordMode.Http"/>.</summary>
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>Guilds to register the commands in (instant); empty registers them globally.</summary>
    public IList<string> GuildIds { get; } = [];

    /// <summary>User ids treated as admins besides Discord's own signal (Administrator or Manage Server); read by Core's AdminPolicy.</summary>
    public IList<string> AdminUserIds { get; } = [];

    /// <summary>The REST base, version included.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Overrides the Gateway URL that <c>GET /gateway/bot</c> returns (tests, proxies).</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>
    /// Gateway shards in all (each replica runs the ones it holds a lease on); 0 takes the count Discord recommends in
    /// <c>GET /gateway/bot</c>. Every replica must use the same count.
    /// </summary>
    public int ShardCount { get; set; }

    /// <summary>Register (bulk-overwrite) the slash commands at start when their definition changed.</summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) users' attached images may also be downloaded from, over http or https,
    /// besides Discord's own CDN (<c>cdn.discordapp.com</c>, <c>media.discordapp.net</c>, https only): tests, proxies.
    /// </summary>
    public IList<string> ExtraAttachmentHosts { get; } = [];

    /// <summary>HTTP mode: interactions whose signed timestamp is older than this are refused (replays).</summary>
    public TimeSpan MaxTimestampAge { get; set; } = TimeSpan.FromMinutes(5);

    public override string ToString() =>
        $"Mode={Mode}, ApplicationId={ApplicationId}, Token={(Token.Length == 0 ? "<missing>" : "<redacted>")}, ApiBaseUrl={ApiBaseUrl}, ShardCount={ShardCount}";
}
