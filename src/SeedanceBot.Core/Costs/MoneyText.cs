using System.Globalization;

namespace SeedanceBot.Core.Costs;

/// <summary>Amounts as people read them: <c>$0.76</c> for USD, <c>4.60 CNY</c> otherwise; cents rounded half away from zero.</summary>
public static class MoneyText
{
    public static string Format(decimal amount, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (amount is > 0 and < 0.005m)
        {
            return "less than " + Format(0.01m, currency);
        }

        var text = Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
        return currency == "USD" ? "$" + text : text + " " + currency;
    }
}
