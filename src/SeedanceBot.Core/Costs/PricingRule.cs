using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Costs;

/// <summary>Pricing: a three-letter currency, and token prices that are known resolutions with amounts of 0 or more.</summary>
internal sealed class PricingRule : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            failures.Add($"Pricing:Currency '{options.Currency}' is not a three-letter ISO 4217 code such as USD, EUR or CNY.");
        }

        if (options.PerVideoSecond < 0)
        {
            failures.Add($"Pricing:PerVideoSecond must be 0 or more (it is {options.PerVideoSecond}).");
        }

        foreach (var (model, prices) in options.PerMillionTokens)
        {
            foreach (var (resolution, price) in prices)
            {
                if (CostEstimator.Pixels(resolution, Video.AspectRatio.Landscape) is null)
                {
                    failures.Add($"Pricing:PerMillionTokens:{model}:{resolution} is not a resolution; use 480p, 720p or 1080p.");
                }
                else if (price < 0)
                {
                    failures.Add($"Pricing:PerMillionTokens:{model}:{resolution} must be 0 or more (it is {price}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
