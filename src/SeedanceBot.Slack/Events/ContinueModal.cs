using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Commands;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// The Continue button's form: one field for the next shot's prompt (block <c>prompt</c>, so a refusal shows next to
/// it). The job it continues and the click's response_url travel in <c>private_metadata</c>; Core checks the job again
/// on submission.
/// </summary>
internal static class ContinueModal
{
    public const string CallbackId = "sb_continue";

    private const string ActionId = "value";

    public static JsonObject Build(ContinueModalMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = SlackMessages.PlainText("Continue the story"),
            ["submit"] = SlackMessages.PlainText("Generate"),
            ["close"] = SlackMessages.PlainText("Cancel"),
            ["private_metadata"] = SlackJson.Serialize(metadata),
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = VideoOptionNames.Prompt,
                ["label"] = SlackMessages.PlainText("What happens next"),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = ActionId,
                    ["multiline"] = true,
                    ["max_length"] = JobActions.MaxContinuePromptLength,
                    ["placeholder"] = SlackMessages.PlainText("The fox leaps over the stream and runs into the forest"),
                },
                ["hint"] = SlackMessages.PlainText($"The next clip starts on the last frame of job {metadata.JobId}, with its ratio, length and style."),
            }),
        };
    }

    public static ContinueModalMetadata? ReadMetadata(SlackView? view)
    {
        if (view?.PrivateMetadata is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SlackJson.Info<ContinueModalMetadata>()) is { JobId.Length: > 0, ChannelId.Length: > 0 } metadata ? metadata : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The prompt as typed; empty when missing (Core refuses it with a reason).</summary>
    public static string ReadPrompt(SlackViewState? state) =>
        state?.Values is { ValueKind: JsonValueKind.Object } blocks
        && blocks.TryGetProperty(VideoOptionNames.Prompt, out var block) && block.ValueKind == JsonValueKind.Object
        && block.TryGetProperty(ActionId, out var input) && input.ValueKind == JsonValueKind.Object
        && input.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
