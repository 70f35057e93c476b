using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Quotas;

/// <summary>Quotas:TimeZone must name a zone this machine knows.</summary>
internal sealed class QuotaTimeZoneRule : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Quotas:TimeZone '{options.TimeZone}' is not a known time zone; use an IANA id such as UTC or Europe/Berlin.");
    }
}
