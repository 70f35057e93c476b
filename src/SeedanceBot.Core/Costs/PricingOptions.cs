using System.ComponentModel.DataAnnotations;

namespace SeedanceBot.Core.Costs;

/// <summary>
/// The <c>Pricing</c> section: what a video costs, in the one currency the admin sets. Prices are configuration, never
/// constants in code: the defaults are the published figures of 2026-12 (digests and resellers), to be checked against
/// the provider's own bill. Money is <see cref="decimal"/> throughout.
/// </summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>The model key whose prices apply to any ModelArk model not listed by its own id.</summary>
    public const string AnyModel = "default";

    /// <summary>ISO 4217 code of the currency prices and budgets are in (USD shows as $).</summary>
    [Required]
    public string Currency { get; set; } = "USD";

    /// <summary>The product's Seedance v2 contract: the price of one second of generated video.</summary>
    public decimal PerVideoSecond { get; set; } = 0.15m;

    /// <summary>
    /// ModelArk: price per million completion tokens, by model id (or <see cref="AnyModel"/>), then by resolution
    /// (<c>480p</c>, <c>720p</c>, <c>1080p</c>). A model or resolution missing here takes the <see cref="AnyModel"/> row.
    /// </summary>
    public Dictionary<string, Dictionary<string, decimal>> PerMillionTokens { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [AnyModel] = new(StringComparer.OrdinalIgnoreCase) { ["480p"] = 7.0m, ["720p"] = 7.0m, ["1080p"] = 7.7m },
        ["dreamina-seedance-2-5-260628"] = new(StringComparer.OrdinalIgnoreCase) { ["480p"] = 10.7m, ["720p"] = 10.7m },
    };
}
