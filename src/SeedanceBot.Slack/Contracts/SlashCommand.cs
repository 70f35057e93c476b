namespace SeedanceBot.Slack.Contracts;

/// <summary>
/// A slash command as Slack sends it: form fields over HTTP, the same fields as JSON strings in a Socket Mode envelope.
/// Ids, not names, decide anything (names "might change arbitrarily"). A JSON null reads as empty, never as null.
/// </summary>
internal sealed record SlashCommand
{
    public string Command { get; init => field = value ?? string.Empty; } = string.Empty;

    public string Text { get; init => field = value ?? string.Empty; } = string.Empty;

    public string TeamId { get; init => field = value ?? string.Empty; } = string.Empty;

    public string ChannelId { get; init => field = value ?? string.Empty; } = string.Empty;

    public string? ChannelName { get; init; }

    public string UserId { get; init => field = value ?? string.Empty; } = string.Empty;

    public string? UserName { get; init; }

    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    public string? ApiAppId { get; init; }

    public static SlashCommand FromForm(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? Get(string key) => form.TryGetValue(key, out var value) ? value : null;
        return new SlashCommand
        {
            Command = Get("command") ?? string.Empty,
            Text = Get("text") ?? string.Empty,
            TeamId = Get("team_id") ?? string.Empty,
            ChannelId = Get("channel_id") ?? string.Empty,
            ChannelName = Get("channel_name"),
            UserId = Get("user_id") ?? string.Empty,
            UserName = Get("user_name"),
            ResponseUrl = Get("response_url"),
            TriggerId = Get("trigger_id"),
            ApiAppId = Get("api_app_id"),
        };
    }
}
