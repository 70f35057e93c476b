using System.Globalization;
using System.Numerics;
using System.Text.Json;
using SeedanceBot.Core.Chat;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// An interaction's who and where as Core's records. Only for interactions <see cref="InteractionIntake"/> passed: the
/// caller, channel and guild are snowflakes then (a DM's workspace is <c>dm-{user}</c>).
/// </summary>
internal static class InteractionMapping
{
    private static readonly BigInteger Administrator = 1 << 3;
    private static readonly BigInteger ManageGuild = 1 << 5;

    public static ChatOrigin Origin(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var userId = interaction.Caller!.Id;
        return new ChatOrigin(InteractionHandler.PlatformName, interaction.GuildId ?? "dm-" + userId, interaction.ChannelId ?? string.Empty);
    }

    public static ChatUser Caller(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var user = interaction.Caller!;
        var permissions = BigInteger.TryParse(interaction.Member?.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : BigInteger.Zero;
        var isAdmin = (permissions & Administrator) != 0 || (permissions & ManageGuild) != 0;
        return new ChatUser(user.Id, interaction.Member?.Nick ?? user.GlobalName ?? user.Username, interaction.Member?.Roles, isAdmin);
    }

    /// <summary>What a job keeps to answer this interaction later.</summary>
    public static string Context(Interaction interaction, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new DiscordReplyContext(interaction.Id, interaction.ApplicationId, interaction.Token, receivedAt, interaction.AttachmentSizeLimit).Serialize();
    }

    public static IEnumerable<InteractionOption> Flatten(IReadOnlyList<InteractionOption>? options) =>
        (options ?? []).SelectMany(o => new[] { o }.Concat(Flatten(o.Options)));

    /// <summary>An option's value as text (strings as they are, numbers and booleans as written); null for anything else.</summary>
    public static string? Value(InteractionOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Value switch
        {
            { ValueKind: JsonValueKind.String } v => v.GetString(),
            { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Typed options by name, as Core takes them.</summary>
    public static List<KeyValuePair<string, string>> Options(IReadOnlyList<InteractionOption>? options) =>
        [.. (options ?? []).Select(o => new KeyValuePair<string, string>(o.Name, Value(o) ?? string.Empty))];
}
