using SeedanceBot.Core.Costs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Costs;

public sealed class CostEstimatorTests
{
    private static readonly PricingOptions Prices = new();

    public static TheoryData<string, AspectRatio, int, long> Tokens => new()
    {
        // W×H×24×seconds/1024: 720p 16:9 5 s is 108,000 tokens (ModelArk's sample task reports 108,900).
        { "720p", AspectRatio.Landscape, 5, 108_000 },
        { "720p", AspectRatio.Portrait, 5, 108_000 },
        { "720p", AspectRatio.Square, 5, 108_000 },
        { "1080p", AspectRatio.Landscape, 5, 244_800 }, // 1920×1088, not 1920×1080
        { "1080p", AspectRatio.Square, 4, 194_400 },
        { "480p", AspectRatio.Landscape, 10, 97_200 },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void EstimatedTokens_ResolutionAndShape_FollowTheFrameSize(string resolution, AspectRatio ratio, int seconds, long expected) =>
        Assert.Equal(expected, CostEstimator.EstimatedTokens(resolution, ratio, seconds));

    public static TheoryData<string, string, AspectRatio, int, decimal?> Estimates => new()
    {
        { "dreamina-seedance-2-0-260128", "720p", AspectRatio.Landscape, 5, 0.756m },
        { "dreamina-seedance-2-0-260128", "1080p", AspectRatio.Landscape, 5, 1.88496m },
        { "dreamina-seedance-2-5-260628", "720p", AspectRatio.Landscape, 5, 1.1556m },
        { "dreamina-seedance-2-5-260628", "1080p", AspectRatio.Landscape, 5, 1.88496m }, // no 1080p row of its own: the default row
        { "ep-123", "4k", AspectRatio.Landscape, 5, null },
    };

    [Theory]
    [MemberData(nameof(Estimates))]
    public void Estimate_ModelArkTokens_PricePerMillionOfTheModelAndResolution(string model, string resolution, AspectRatio ratio, int seconds, decimal? expected) =>
        Assert.Equal(expected, CostEstimator.Estimate(VideoBilling.PerToken(model, resolution), ratio, seconds, Prices));

    [Theory]
    [InlineData(5, 0.75)]
    [InlineData(8, 1.2)]
    [InlineData(0, 0)]
    public void Estimate_SeedanceV2_SecondsTimesThePrice(int seconds, double expected) =>
        Assert.Equal((decimal)expected, CostEstimator.Estimate(VideoBilling.PerSecond, AspectRatio.Landscape, seconds, Prices));

    [Fact]
    public void Actual_ModelArkReportedTokens_BillsThoseTokens()
    {
        var billing = VideoBilling.PerToken("dreamina-seedance-2-0-260128", "720p");

        Assert.Equal(0.7623m, CostEstimator.Actual(billing, AspectRatio.Landscape, 5, succeeded: true, 108_900, Prices));
        Assert.Equal(0.756m, CostEstimator.Actual(billing, AspectRatio.Landscape, 5, succeeded: true, null, Prices));
        Assert.Equal(0m, CostEstimator.Actual(billing, AspectRatio.Landscape, 5, succeeded: false, 108_900, Prices));
        Assert.Equal(0m, CostEstimator.Actual(VideoBilling.PerSecond, AspectRatio.Landscape, 5, succeeded: false, null, Prices));
    }

    [Fact]
    public void Estimate_ConfiguredPrices_Win()
    {
        var prices = new PricingOptions { PerVideoSecond = 0.5m };
        prices.PerMillionTokens[PricingOptions.AnyModel]["720p"] = 10m;

        Assert.Equal(2.5m, CostEstimator.Estimate(VideoBilling.PerSecond, AspectRatio.Landscape, 5, prices));
        Assert.Equal(1.08m, CostEstimator.Estimate(VideoBilling.PerToken("other", "720p"), AspectRatio.Landscape, 5, prices));
    }

    [Theory]
    [InlineData(0.756, "USD", "$0.76")]
    [InlineData(0.125, "USD", "$0.13")]
    [InlineData(0.001, "USD", "less than $0.01")]
    [InlineData(0, "USD", "$0.00")]
    [InlineData(4.6, "CNY", "4.60 CNY")]
    public void Format_Amounts_AsPeopleReadThem(double amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyText.Format((decimal)amount, currency));

    [Theory]
    [InlineData("usd", "-1", "720p", "1", "Pricing:Currency 'usd' is not a three-letter ISO 4217 code")]
    [InlineData("USD", "-1", "720p", "1", "Pricing:PerVideoSecond must be 0 or more")]
    [InlineData("USD", "1", "4k", "1", "Pricing:PerMillionTokens:default:4k is not a resolution")]
    [InlineData("USD", "1", "720p", "-2", "Pricing:PerMillionTokens:default:720p must be 0 or more")]
    public void Validate_BadValues_OneClearLineEach(string currency, string perSecond, string resolution, string price, string expected)
    {
        var options = new PricingOptions { Currency = currency, PerVideoSecond = decimal.Parse(perSecond, System.Globalization.CultureInfo.InvariantCulture) };
        options.PerMillionTokens[PricingOptions.AnyModel][resolution] = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        var result = new PricingRule().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
