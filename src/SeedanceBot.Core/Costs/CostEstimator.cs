using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Costs;

/// <summary>
/// What a video costs, before (an estimate, for budgets and the queued message) and after (the bill, for the ledger).
/// ModelArk bills completion tokens: about W×H×24×seconds/1024 at the resolution's frame size, times the price per million
/// of the model and resolution; the bill uses the tokens the task reports. The Seedance v2 contract bills seconds. A
/// failed job costs nothing. Pure: prices come in as options.
/// </summary>
public static class CostEstimator
{
    /// <summary>Frames per second the token formula assumes (Seedance renders at 24).</summary>
    public const int FramesPerSecond = 24;

    /// <summary>The frame size of a resolution and shape; null for a resolution the table does not know.</summary>
    public static (int Width, int Height)? Pixels(string? resolution, AspectRatio ratio)
    {
        // ModelArk's frame sizes: 1080p 16:9 is 1920×1088 (the 1.0 docs), not 1920×1080.
        (int Width, int Height)? landscape = resolution?.ToLowerInvariant() switch
        {
            "480p" => (864, 480),
            "720p" => (1280, 720),
            "1080p" => (1920, 1088),
            _ => null,
        };
        int? square = resolution?.ToLowerInvariant() switch
        {
            "480p" => 640,
            "720p" => 960,
            "1080p" => 1440,
            _ => null,
        };
        return landscape is not { } size || square is not { } side
            ? null
            : ratio switch
            {
                AspectRatio.Portrait => (size.Height, size.Width),
                AspectRatio.Square => (side, side),
                _ => size,
            };
    }

    /// <summary>The tokens ModelArk is expected to bill for <paramref name="seconds"/> of output; null for an unknown resolution.</summary>
    public static long? EstimatedTokens(string? resolution, AspectRatio ratio, int seconds) =>
        Pixels(resolution, ratio) is { } size ? (long)size.Width * size.Height * FramesPerSecond * Math.Max(0, seconds) / 1024 : null;

    /// <summary>The price per million tokens of a model at a resolution: its own row, else the default row; null when neither has one.</summary>
    public static decimal? PricePerMillion(PricingOptions prices, string? model, string? resolution)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (resolution is null)
        {
            return null;
        }

        if (model is not null && prices.PerMillionTokens.TryGetValue(model, out var own) && own.TryGetValue(resolution, out var price))
        {
            return price;
        }

        return prices.PerMillionTokens.TryGetValue(PricingOptions.AnyModel, out var any) && any.TryGetValue(resolution, out var fallback) ? fallback : null;
    }

    /// <summary>What a video of <paramref name="seconds"/> should cost before it is made; null when no price applies.</summary>
    public static decimal? Estimate(VideoBilling billing, AspectRatio ratio, int seconds, PricingOptions prices)
    {
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(prices);
        return billing.Unit switch
        {
            BillingUnit.Tokens => EstimatedTokens(billing.Resolution, ratio, seconds) is { } tokens ? ForTokens(tokens, billing, prices) : null,
            _ => Math.Max(0, seconds) * prices.PerVideoSecond,
        };
    }

    /// <summary>
    /// The bill of a finished video: ModelArk's reported completion tokens at the price (the estimate when the task did
    /// not report them), the Seedance v2 contract's seconds at the price; 0 when it failed.
    /// </summary>
    public static decimal? Actual(VideoBilling billing, AspectRatio ratio, int seconds, bool succeeded, long? completionTokens, PricingOptions prices)
    {
        ArgumentNullException.ThrowIfNull(billing);
        if (!succeeded)
        {
            return 0m;
        }

        return billing.Unit == BillingUnit.Tokens && completionTokens is { } tokens
            ? ForTokens(tokens, billing, prices)
            : Estimate(billing, ratio, seconds, prices);
    }

    private static decimal? ForTokens(long tokens, VideoBilling billing, PricingOptions prices) =>
        PricePerMillion(prices, billing.Model, billing.Resolution) is { } price ? Math.Max(0, tokens) * price / 1_000_000m : null;
}
