using Microsoft.Extensions.Options;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Costs;

/// <summary>The configured prices applied to the active provider's billing: a new job's estimate, a finished job's bill.</summary>
public sealed class JobCosts(IVideoProvider provider, IOptions<PricingOptions> pricing)
{
    public string Currency => pricing.Value.Currency;

    public decimal? Estimate(VideoRequest request, int seconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CostEstimator.Estimate(provider.Capabilities.Billing, request.AspectRatio, seconds, pricing.Value);
    }

    /// <summary>The bill of a finished job; 0 when it failed, the estimate when the provider reported no tokens.</summary>
    public decimal? Actual(BotJob job, bool succeeded, long? completionTokens)
    {
        ArgumentNullException.ThrowIfNull(job);
        return CostEstimator.Actual(provider.Capabilities.Billing, job.Request.AspectRatio, job.Seconds, succeeded, completionTokens, pricing.Value);
    }
}
