using System.Globalization;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// The job's status message as <c>BotJob.StatusMessageId</c> stores it: the interaction's own response
/// (<c>i:{message id}</c>) while its token lives, else a channel message the bot posted (<c>c:{message id}:{posted at}</c>),
/// which is replaced by a new one before it is an hour old (Discord caps edits of older messages).
/// </summary>
internal sealed record DiscordStatusHandle(bool IsInteractionResponse, string MessageId, DateTimeOffset? PostedAt)
{
    public static readonly TimeSpan EditableFor = TimeSpan.FromMinutes(55);

    public static DiscordStatusHandle? Parse(string? value)
    {
        var parts = value?.Split(':') ?? [];
        return parts switch
        {
            ["i", var id] => new DiscordStatusHandle(true, id, null),
            ["c", var id, var at] when long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) =>
                new DiscordStatusHandle(false, id, DateTimeOffset.FromUnixTimeSeconds(unix)),
            _ => null,
        };
    }

    public override string ToString() => IsInteractionResponse
        ? "i:" + MessageId
        : string.Create(CultureInfo.InvariantCulture, $"c:{MessageId}:{PostedAt!.Value.ToUnixTimeSeconds()}");
}
