using System.Globalization;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// The job's status message as <c>BotJob.StatusMessageId</c> stores it: the interaction's own response
/// (<c>i:{message id}</c>) or a follow-up of it (<c>f:{message id}</c>, when the response itself was kept for a private
/// answer) while its token lives, else a channel message the bot posted (<c>c:{message id}:{posted at}</c>), which is
/// replaced by a new one before it is an hour old (Discord caps edits of older messages).
/// </summary>
internal sealed record DiscordStatusHandle(DiscordStatusHandle.Kinds Kind, string MessageId, DateTimeOffset? PostedAt)
{
    public static readonly TimeSpan EditableFor = TimeSpan.FromMinutes(55);

    public enum Kinds
    {
        /// <summary>The interaction's original response (<c>@original</c>).</summary>
        Original,

        /// <summary>A follow-up message of the interaction.</summary>
        FollowUp,

        /// <summary>A channel message posted with the bot token.</summary>
        Channel,
    }

    public bool IsInteractionMessage => Kind is Kinds.Original or Kinds.FollowUp;

    public static DiscordStatusHandle? Parse(string? value)
    {
        var parts = value?.Split(':') ?? [];
        return parts switch
        {
            ["i", var id] => new DiscordStatusHandle(Kinds.Original, id, null),
            ["f", var id] => new DiscordStatusHandle(Kinds.FollowUp, id, null),
            ["c", var id, var at] when long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) =>
                new DiscordStatusHandle(Kinds.Channel, id, DateTimeOffset.FromUnixTimeSeconds(unix)),
            _ => null,
        };
    }

    public override string ToString() => Kind switch
    {
        Kinds.Original => "i:" + MessageId,
        Kinds.FollowUp => "f:" + MessageId,
        _ => string.Create(CultureInfo.InvariantCulture, $"c:{MessageId}:{PostedAt!.Value.ToUnixTimeSeconds()}"),
    };
}
