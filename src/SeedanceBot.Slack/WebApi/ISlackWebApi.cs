using System.Text.Json.Nodes;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.WebApi;

/// <summary>
/// The Web API methods the bot uses. Every call honours Slack's rate limits and throws <see cref="SlackApiException"/>
/// when Slack answers <c>"ok": false</c>.
/// </summary>
internal interface ISlackWebApi
{
    /// <summary>apps.connections.open with the app-level token: a fresh Socket Mode URL.</summary>
    Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken);

    Task<PostedMessage> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken);

    Task UpdateMessageAsync(SlackMessage message, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string channel, string ts, CancellationToken cancellationToken);

    Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>The upload flow: files.getUploadURLExternal (form), POST the bytes, files.completeUploadExternal.</summary>
    Task<string> UploadFileAsync(SlackUpload upload, CancellationToken cancellationToken);

    /// <summary>files.completeUploadExternal again for an uploaded file (after joining the channel).</summary>
    Task CompleteUploadAsync(string fileId, SlackUpload upload, CancellationToken cancellationToken);

    Task DeleteFileAsync(string fileId, CancellationToken cancellationToken);

    Task<SlackUser> GetUserAsync(string userId, CancellationToken cancellationToken);

    Task JoinChannelAsync(string channel, CancellationToken cancellationToken);

    /// <summary>conversations.open: the DM channel id with <paramref name="userId"/>.</summary>
    Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryMessage>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken);

    Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken);

    /// <summary>POSTs to a response_url (no token; valid 30 minutes, 5 uses).</summary>
    Task RespondAsync(Uri responseUrl, SlackMessage message, CancellationToken cancellationToken);
}
