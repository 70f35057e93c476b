namespace SeedanceBot.Slack.Contracts;

/// <summary>A submitted modal: its callback id, what the bot stored in it, and the inputs' values by block and action id.</summary>
internal sealed record SlackView(string? Id, string? CallbackId, string? PrivateMetadata, SlackViewState? State);
