namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// What <c>DiscordPlatform.DeliverAsync</c> posted for a job's result, kept by Core as <c>BotJob.ResultHandle</c>: an
/// interaction follow-up (<c>f:{channel}:{message}</c>, deletable with the job's interaction token while it lives) or a
/// message posted with the bot token (<c>c:{channel}:{message}</c>, also a DM). The delete button acts on this message
/// only, never on an id a click carries.
/// </summary>
internal sealed record DiscordResultHandle(bool IsFollowUp, string ChannelId, string MessageId)
{
    public static DiscordResultHandle? Parse(string? value) => (value?.Split(':') ?? []) switch
    {
        ["f", var channel, var message] when channel.Length > 0 && message.Length > 0 => new DiscordResultHandle(true, channel, message),
        ["c", var channel, var message] when channel.Length > 0 && message.Length > 0 => new DiscordResultHandle(false, channel, message),
        _ => null,
    };

    public override string ToString() => (IsFollowUp ? "f:" : "c:") + ChannelId + ":" + MessageId;
}
