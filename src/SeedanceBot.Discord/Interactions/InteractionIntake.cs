using System.Text.Json;
using System.Text.RegularExpressions;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// What an interaction must carry before the bot acts on it, checked before anything is stored or charged. Without an
/// id, token or known shape it cannot even be answered (<see cref="Unanswerable"/>: HTTP 400, the Gateway drops it);
/// without a snowflake caller, channel or guild (an empty <c>guild_id</c>, say) quotas and mentions would be keyed
/// on nonsense, so it is answered with a private refusal (<see cref="Unusable"/>). A DM has no guild: that is fine.
/// </summary>
internal static partial class InteractionIntake
{
    private const int User = 6;
    private const int Channel = 7;
    private const int Role = 8;
    private const int Mentionable = 9;

    /// <summary>Why the interaction cannot be answered at all, or null.</summary>
    public static string? Unanswerable(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (string.IsNullOrEmpty(interaction.Id) || interaction.Id.Length > 32 || !Token().IsMatch(interaction.Id))
        {
            return "no usable interaction id";
        }

        if (interaction.Type == Interaction.Ping)
        {
            return null;
        }

        if (!IsSnowflake(interaction.Id))
        {
            return "the interaction id is not a snowflake";
        }

        if (!IsSnowflake(interaction.ApplicationId))
        {
            return "no application id";
        }

        return interaction.Token is { Length: > 0 and <= 1000 } token && Token().IsMatch(token) ? null : "no usable token";
    }

    /// <summary>Why the bot will not act on an answerable interaction (its ids are missing or malformed), or null.</summary>
    public static string? Unusable(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Type is Interaction.Ping)
        {
            return null;
        }

        if (!IsSnowflake(interaction.Caller?.Id))
        {
            return "no caller id";
        }

        if (interaction.GuildId is not null && !IsSnowflake(interaction.GuildId))
        {
            return "a malformed guild id";
        }

        if (interaction.GuildId is not null && interaction.Member is null)
        {
            return "a guild interaction without a member";
        }

        if (interaction.Member?.Roles?.Any(r => !IsSnowflake(r)) == true)
        {
            return "a malformed role id";
        }

        var needsChannel = interaction.Type is Interaction.ApplicationCommand or Interaction.MessageComponent or Interaction.ModalSubmit;
        if ((needsChannel || interaction.ChannelId is not null) && !IsSnowflake(interaction.ChannelId))
        {
            return "no channel id";
        }

        if (interaction.Message is { } message && !IsSnowflake(message.Id))
        {
            return "a malformed message id";
        }

        return Options(interaction.Data?.Options).Any(o => o is null || string.IsNullOrEmpty(o.Name) || (o.Type is User or Channel or Role or Mentionable && !IsSnowflake(StringValue(o))))
            ? "a malformed option"
            : null;
    }

    /// <summary>A Discord id: 17 to 20 digits.</summary>
    public static bool IsSnowflake(string? value) => value is not null && Snowflake().IsMatch(value);

    private static IEnumerable<InteractionOption?> Options(IReadOnlyList<InteractionOption?>? options)
    {
        foreach (var option in options ?? [])
        {
            yield return option;
            foreach (var nested in Options(option?.Options))
            {
                yield return nested;
            }
        }
    }

    private static string? StringValue(InteractionOption option) =>
        option.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    [GeneratedRegex(@"^[0-9]{17,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Snowflake();

    /// <summary>What may stand in a URL path segment: interaction tokens are URL-safe base64 and dots.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9._\-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
