namespace SeedanceBot.ModelArk;

/// <summary>The <c>ModelArk</c> configuration section (used when <c>Seedance:Provider=ModelArk</c>).</summary>
public sealed class ModelArkOptions
{
    public const string SectionName = "ModelArk";

    /// <summary>The environment variable the Ark SDKs read; used when <c>ModelArk:ApiKey</c> is empty.</summary>
    public const string ApiKeyEnvironmentVariable = "ARK_API_KEY";

    /// <summary>BytePlus ModelArk (video runs in ap-southeast only).</summary>
    public static readonly Uri BytePlusBaseUrl = new("https://ark.ap-southeast.bytepluses.com/api/v3");

    /// <summary>Volcengine Ark (mainland China); its model ids carry a <c>doubao-</c> prefix.</summary>
    public static readonly Uri VolcengineBaseUrl = new("https://ark.cn-beijing.volces.com/api/v3");

    public Uri BaseUrl { get; set; } = BytePlusBaseUrl;

    /// <summary>The Bearer API key from the console (API Keys). A secret: never logged, never in messages.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>A Seedance model id (date-suffixed; pin it) or an endpoint id <c>ep-...</c>.</summary>
    public string Model { get; set; } = "dreamina-seedance-2-0-260128";

    /// <summary><c>480p</c>, <c>720p</c> or <c>1080p</c> (the fast models have no 1080p).</summary>
    public string Resolution { get; set; } = "720p";

    public bool GenerateAudio { get; set; } = true;

    public bool Watermark { get; set; }

    /// <summary>Tasks the account may run at once (individual accounts: 3, enterprise: 10); more wait in the bot's queue.</summary>
    public int MaxConcurrentTasks { get; set; } = 3;

    /// <summary>Requests per minute to the API, every call counted (individual accounts: 180); Ark sends no rate-limit headers.</summary>
    public int RequestsPerMinute { get; set; } = 180;

    /// <summary>A task not finished this long after creation expires upstream (Ark: 1 to 72 hours).</summary>
    public TimeSpan ExecutionExpiresAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Shortest and longest clip the model makes (Seedance 2.0: 4 to 15 s).</summary>
    public int MinDurationSeconds { get; set; } = 4;

    public int MaxDurationSeconds { get; set; } = 15;

    /// <summary>
    /// Salt for the <c>safety_identifier</c> hash of the chat user; empty derives one from the API key, so the hash is
    /// stable for a deployment and not reversible from the chat id alone.
    /// </summary>
    public string SafetyIdentifierSalt { get; set; } = string.Empty;

    /// <summary>The /styles catalogue; empty uses the built-in presets.</summary>
    public IList<StylePreset> Styles { get; } = [];

    public override string ToString() => $"BaseUrl={BaseUrl}, Model={Model}, ApiKey={(ApiKey.Length == 0 ? "<missing>" : "<redacted>")}";
}
