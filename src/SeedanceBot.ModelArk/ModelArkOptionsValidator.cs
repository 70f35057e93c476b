using Microsoft.Extensions.Options;

namespace SeedanceBot.ModelArk;

/// <summary>Start-up rules. Every message names the key and says what it should look like; none echoes a secret.</summary>
internal sealed class ModelArkOptionsValidator : IValidateOptions<ModelArkOptions>
{
    private static readonly string[] Resolutions = ["480p", "720p", "1080p"];

    public ValidateOptionsResult Validate(string? name, ModelArkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("ModelArk:ApiKey is required when Seedance:Provider=ModelArk (or set ARK_API_KEY): the API key from the BytePlus ModelArk console (API Keys).");
        }
        else if (options.ApiKey.Any(char.IsWhiteSpace) || options.ApiKey.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("ModelArk:ApiKey must be the bare key: no spaces and no 'Bearer' prefix.");
        }

        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ModelArk:BaseUrl must be an absolute http(s) URL such as {ModelArkOptions.BytePlusBaseUrl} (BytePlus) or {ModelArkOptions.VolcengineBaseUrl} (Volcengine).");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("ModelArk:Model is required: a Seedance model id such as dreamina-seedance-2-0-260128 (Volcengine: doubao-seedance-2-0-260128) or an endpoint id ep-....");
        }

        if (!Resolutions.Contains(options.Resolution, StringComparer.Ordinal))
        {
            failures.Add($"ModelArk:Resolution must be one of {string.Join(", ", Resolutions)}.");
        }

        if (options.MaxConcurrentTasks is < 1 or > 100)
        {
            failures.Add("ModelArk:MaxConcurrentTasks must be 1 to 100 (individual accounts: 3, enterprise: 10).");
        }

        if (options.RequestsPerMinute is < 1 or > 10000)
        {
            failures.Add("ModelArk:RequestsPerMinute must be 1 to 10000 (individual accounts: 180, enterprise: 600).");
        }

        if (options.ExecutionExpiresAfter < TimeSpan.FromHours(1) || options.ExecutionExpiresAfter > TimeSpan.FromHours(72))
        {
            failures.Add("ModelArk:ExecutionExpiresAfter must be 01:00:00 to 3.00:00:00 (Ark's range).");
        }

        if (options.MinDurationSeconds < 1 || options.MaxDurationSeconds < options.MinDurationSeconds)
        {
            failures.Add("ModelArk:MinDurationSeconds and MaxDurationSeconds must form a range, e.g. 4 and 15.");
        }

        foreach (var style in options.Styles.Where(s => string.IsNullOrWhiteSpace(s.Id) || string.IsNullOrWhiteSpace(s.Prompt)))
        {
            failures.Add($"ModelArk:Styles holds a preset without an Id or a Prompt ('{style.Id}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
