using System.Text.Json;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// What a job keeps (as <c>BotJob.ReplyContext</c>) to answer on Slack later: the command's <c>response_url</c>, usable
/// for 30 minutes after <see cref="ReceivedAt"/> (and five times); after that the bot token does the posting.
/// </summary>
internal sealed record SlackReplyContext(Uri? ResponseUrl, DateTimeOffset ReceivedAt)
{
    /// <summary>Slack's response_url lifetime, less a margin for the request in flight.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(30);

    public Uri? ResponseUrlAt(DateTimeOffset now) => ResponseUrl is not null && now - ReceivedAt < Lifetime ? ResponseUrl : null;

    public string Serialize() => SlackJson.Serialize(this);

    public static SlackReplyContext? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SlackJson.Info<SlackReplyContext>());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
