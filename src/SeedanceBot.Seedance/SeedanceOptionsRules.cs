using Microsoft.Extensions.Options;

namespace SeedanceBot.Seedance;

/// <summary>Rules across fields that annotations cannot say. Messages name the key and never echo the secret.</summary>
internal sealed class SeedanceOptionsRules : IValidateOptions<SeedanceOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Seedance:BaseUrl must be an absolute http(s) URL such as {SeedanceOptions.DefaultBaseUrl}.");
        }

        if (options.ApiKey.Length > 0 && (options.ApiKey.Any(char.IsWhiteSpace) || options.ApiKey.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("Seedance:ApiKey must be the bare key: no spaces and no 'Bearer ' prefix.");
        }

        if (!options.Provider.Trim().Equals("SeedanceV2", StringComparison.OrdinalIgnoreCase))
        {
            // ModelArk would have been chosen before this client was added: anything else is a typo.
            failures.Add($"Seedance:Provider must be SeedanceV2 (the default) or ModelArk, not '{options.Provider}'.");
        }

        var resilience = options.Resilience;
        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            failures.Add("Seedance:Resilience:AttemptTimeout must not be longer than Seedance:Resilience:TotalTimeout.");
        }

        if (resilience.BaseDelay > resilience.MaxDelay)
        {
            failures.Add("Seedance:Resilience:BaseDelay must not be longer than Seedance:Resilience:MaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
