using Microsoft.Extensions.Options;

namespace SeedanceBot.Slack;

/// <summary>Start-up rules. Every message names the key and says what it should look like; none echoes a secret.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Slack:BotToken is required (env Slack__BotToken): the bot token starting with xoxb- from the app's OAuth & Permissions page.");
        }
        else if (!options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal) || options.BotToken.Any(char.IsWhiteSpace))
        {
            failures.Add("Slack:BotToken must be a bot token: it starts with xoxb- and has no spaces.");
        }

        if (options.Mode == SlackMode.SocketMode)
        {
            if (string.IsNullOrWhiteSpace(options.AppToken))
            {
                failures.Add("Slack:AppToken is required in SocketMode (env Slack__AppToken): an app-level token starting with xapp- with the connections:write scope (Basic Information > App-Level Tokens).");
            }
            else if (!options.AppToken.StartsWith("xapp-", StringComparison.Ordinal) || options.AppToken.Any(char.IsWhiteSpace))
            {
                failures.Add("Slack:AppToken must be an app-level token: it starts with xapp- and has no spaces.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            failures.Add("Slack:SigningSecret is required in Http mode (env Slack__SigningSecret): the signing secret from the app's Basic Information page.");
        }

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } api || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as {SlackOptions.DefaultApiBaseUrl}.");
        }

        if (options.MaxUploadBytes < 0)
        {
            failures.Add("Slack:MaxUploadBytes must be 0 (always link) or more.");
        }

        if (options.MaxTimestampAge <= TimeSpan.Zero)
        {
            failures.Add("Slack:MaxTimestampAge must be positive, e.g. 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
