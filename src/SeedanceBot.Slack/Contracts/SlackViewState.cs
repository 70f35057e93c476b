using System.Text.Json;

namespace SeedanceBot.Slack.Contracts;

/// <summary><c>state.values</c>: <c>{block_id: {action_id: {type, value | selected_option | selected_options}}}</c>.</summary>
internal sealed record SlackViewState(JsonElement? Values);
