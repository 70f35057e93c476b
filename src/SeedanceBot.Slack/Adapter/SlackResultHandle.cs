using System.Text.Json;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// What the bot posted for a job's result, kept by Core as <c>BotJob.ResultHandle</c>: the result card, the thread
/// replies (the mention with the link, the broadcast note, continuation parts) and the uploaded files. The delete button
/// removes exactly these, never anything a click names.
/// </summary>
internal sealed record SlackResultHandle(SlackStatusHandle Card, IReadOnlyList<SlackStatusHandle> Replies, IReadOnlyList<string> Files)
{
    public string Serialize() => SlackJson.Serialize(this);

    public static SlackResultHandle? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SlackJson.Info<SlackResultHandle>()) is { Card: { Channel.Length: > 0, Ts.Length: > 0 } } handle
                ? handle with { Replies = handle.Replies ?? [], Files = handle.Files ?? [] }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
