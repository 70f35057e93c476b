namespace SeedanceBot.Core.Costs;

/// <summary>How a provider bills a video: by seconds, or by tokens of a model at a resolution (which price row applies).</summary>
public sealed record VideoBilling(BillingUnit Unit, string? Model = null, string? Resolution = null)
{
    public static VideoBilling PerSecond { get; } = new(BillingUnit.VideoSeconds);

    public static VideoBilling PerToken(string model, string resolution) => new(BillingUnit.Tokens, model, resolution);
}
