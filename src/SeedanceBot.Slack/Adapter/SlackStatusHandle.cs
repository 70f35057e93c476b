namespace SeedanceBot.Slack.Adapter;

/// <summary>The job's status message as kept in <c>BotJob.StatusMessageId</c>: <c>{channel}|{ts}</c>.</summary>
internal sealed record SlackStatusHandle(string Channel, string Ts)
{
    public override string ToString() => Channel + "|" + Ts;

    public static SlackStatusHandle? Parse(string? value) =>
        value?.Split('|') is [{ Length: > 0 } channel, { Length: > 0 } ts] ? new SlackStatusHandle(channel, ts) : null;
}
