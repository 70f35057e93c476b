using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Seedance;

/// <summary>The <c>Seedance</c> configuration section.</summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TimeSpan ranges are read by the source-generated validator, which builds its own trim-safe copies; nothing reflects over these attributes.")]
public sealed class SeedanceOptions
{
    public const string SectionName = "Seedance";

    /// <summary>Environment variable the API guide recommends for the key; used when <c>Seedance:ApiKey</c> is empty.</summary>
    public const string ApiKeyEnvironmentVariable = "SEEDANCE_API_KEY";

    public static readonly Uri DefaultBaseUrl = new("https://api.seedance.tv/v2");

    /// <summary>
    /// Which video API the bot calls: <c>SeedanceV2</c> (this contract, and the built-in simulator) or <c>ModelArk</c>
    /// (BytePlus ModelArk / Volcengine Ark, configured in the <c>ModelArk</c> section). Read by the host.
    /// </summary>
    public string Provider { get; set; } = "SeedanceV2";

    /// <summary>The API base, version included.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The Bearer key. A secret: never logged, never in messages.</summary>
    [Required(ErrorMessage = "Seedance:ApiKey is required (or set the SEEDANCE_API_KEY environment variable).")]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>How long after the server's <c>X-RateLimit-Reset</c> the gate waits before it trusts the new window (clock skew).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RateLimitResetGrace { get; set; } = TimeSpan.FromSeconds(1);

    [ValidateObjectMembers]
    public SeedanceResilienceOptions Resilience { get; set; } = new();

    public override string ToString() => $"BaseUrl={BaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "<missing>" : "<redacted>")}";
}
