using System.Globalization;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Discord;

/// <summary>Start-up rules. Every message names the key and says what it should look like; none echoes a secret.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    private const int MaxShards = 4096;

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Discord:Token is required (env Discord__Token): the bot token from the developer portal's Bot page.");
        }
        else if (options.Token.Any(char.IsWhiteSpace) || options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Discord:Token must be the bare token: no spaces and no 'Bot ' prefix.");
        }

        if (!IsSnowflake(options.ApplicationId))
        {
            failures.Add("Discord:ApplicationId is required (env Discord__ApplicationId): the numeric application id from the developer portal's General Information page.");
        }

        if (options.Mode == DiscordMode.Http && (options.PublicKey.Length != 64 || !options.PublicKey.All(char.IsAsciiHexDigit)))
        {
            failures.Add("Discord:PublicKey is required in Http mode (env Discord__PublicKey): the 64 hex characters of the application's public key.");
        }

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } api || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Discord:ApiBaseUrl must be an absolute http(s) URL such as {DiscordOptions.DefaultApiBaseUrl}.");
        }

        if (options.GatewayUrl is { } gateway && (!gateway.IsAbsoluteUri || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            failures.Add("Discord:GatewayUrl must be an absolute ws(s) URL such as wss://gateway.discord.gg.");
        }

        foreach (var guild in options.GuildIds.Where(g => !IsSnowflake(g)))
        {
            failures.Add($"Discord:GuildIds holds '{guild}', which is not a numeric guild id.");
        }

        if (options.ShardCount is < 0 or > MaxShards)
        {
            failures.Add($"Discord:ShardCount must be between 1 and {MaxShards}, or 0 (the default) for the count Discord recommends.");
        }

        if (options.MaxTimestampAge <= TimeSpan.Zero)
        {
            failures.Add("Discord:MaxTimestampAge must be positive, e.g. 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSnowflake(string value) => value.Length is > 0 and <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
