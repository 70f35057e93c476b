namespace SeedanceBot.Core.Costs;

/// <summary>What a provider bills by.</summary>
public enum BillingUnit
{
    /// <summary>Seconds of generated video (the product's Seedance v2 contract).</summary>
    VideoSeconds,

    /// <summary>Completion tokens at a price per million by model and resolution (ModelArk).</summary>
    Tokens,
}
