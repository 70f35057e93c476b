using System.Text.Json;
using System.Text.Json.Nodes;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Video;
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// The form <c>/video</c> with no text opens: prompt, storyboard shots (one per line), and each option as its own
/// input, and a file input per image role. Block ids are Core's option names, so a submission becomes typed options as on
/// Discord; the files become typed images (<see cref="SubmittedImages"/>). The command's channel
/// and response_url travel in <c>private_metadata</c>.
/// </summary>
internal static class VideoModal
{
    public const string CallbackId = "sb_video";
    public const string Scenes = "scenes";
    private const string ActionId = "value";

    /// <summary>The action id of the form's file inputs.</summary>
    public const string FilesActionId = "files";

    /// <summary>The form's file inputs by block id: each role its own input, as many files as the role takes.</summary>
    public static readonly IReadOnlyList<(string BlockId, ImageRole Role, string Label, int MaxFiles, string Hint)> ImageInputs =
    [
        ("image", ImageRole.FirstFrame, "First frame (optional)", 1, "The video opens on this image. PNG, JPEG or WebP, at most 10 MB."),
        ("last_frame", ImageRole.LastFrame, "Last frame (optional)", 1, "The video ends on this image; needs a first frame."),
        ("reference", ImageRole.Reference, "Reference images (optional)", 9, "Subjects or styles to draw on, up to 9; not with frames."),
    ];

    public static JsonObject Build(VideoModalMetadata metadata, IReadOnlyList<VideoStyle> styles)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(styles);
        var blocks = new JsonArray(
            Input(VideoOptionNames.Prompt, "Prompt", TextInput(multiline: true, "A fox walking through a snowy forest at dawn"), "Or leave empty and fill in the storyboard below."),
            Input(Scenes, "Storyboard (optional)", TextInput(multiline: true, "Wide shot of a harbour at dawn [4s]\nClose-up of a gull taking off [3s]"), "One shot per line, 2 to 10 shots; [Ns] sets a shot's length."),
            Input(VideoOptionNames.AspectRatio, "Aspect ratio", Select(AspectRatios.All.Select(r => (r, r)))),
            Input(VideoOptionNames.Duration, "Duration (seconds)", TextInput(multiline: false, "5")),
            StyleInput(styles),
            Input(VideoOptionNames.Seed, "Seed", TextInput(multiline: false, "Empty: a random one, shown with the video")),
            Input(VideoOptionNames.Motion, "Motion", Select(VideoOptionNames.MotionLevels.Select(m => (m, m)))),
            Input(VideoOptionNames.Camera, "Camera moves", Select(VideoOptionNames.CameraMoves.Select(c => (c, c)), multi: true)));
        foreach (var (blockId, _, label, maxFiles, hint) in ImageInputs)
        {
            blocks.Add((JsonNode)Input(blockId, label, FileInput(maxFiles), hint));
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = SlackMessages.PlainText("New video"),
            ["submit"] = SlackMessages.PlainText("Generate"),
            ["close"] = SlackMessages.PlainText("Cancel"),
            ["private_metadata"] = SlackJson.Serialize(metadata),
            ["blocks"] = blocks,
        };
    }

    /// <summary>
    /// A menu of the styles when every one fits in it (at most 100 options, values of at most 150 characters); otherwise
    /// a text box that says how many there are and where to see them, so no style is out of reach.
    /// </summary>
    private static JsonObject StyleInput(IReadOnlyList<VideoStyle> styles)
    {
        if (styles.Count == 0)
        {
            return Input(VideoOptionNames.Style, "Style", TextInput(multiline: false, "cinematic"));
        }

        if (styles.Count <= SlackLimits.SelectOptions && styles.All(s => s.Id.Length is > 0 and <= SlackLimits.OptionValue))
        {
            return Input(VideoOptionNames.Style, "Style", Select(styles.Select(s => (s.Id, s.Name == s.Id ? s.Id : $"{s.Name} ({s.Id})"))));
        }

        return Input(VideoOptionNames.Style, "Style", TextInput(multiline: false, styles[0].Id.Length <= 100 ? styles[0].Id : "cinematic"),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{styles.Count} styles: type one's id; /styles lists them all."));
    }

    public static VideoModalMetadata? ReadMetadata(SlackView? view)
    {
        if (view?.PrivateMetadata is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, SlackJson.Info<VideoModalMetadata>());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The submitted values as Core's typed options; the storyboard, when given, becomes the prompt's scenes.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadOptions(SlackViewState? state)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state?.Values is { ValueKind: JsonValueKind.Object } blocks)
        {
            foreach (var block in blocks.EnumerateObject())
            {
                if (block.Value.ValueKind == JsonValueKind.Object && block.Value.TryGetProperty(ActionId, out var input) && Read(input) is { Length: > 0 } value)
                {
                    values[block.Name] = value;
                }
            }
        }

        var options = new List<KeyValuePair<string, string>>();
        var shots = values.TryGetValue(Scenes, out var scenes)
            ? scenes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Replace('|', '/')).ToList()
            : [];
        var prompt = shots.Count > 0 ? string.Join(" | ", shots) : values.GetValueOrDefault(VideoOptionNames.Prompt, string.Empty);
        options.Add(new(VideoOptionNames.Prompt, prompt));
        foreach (var name in new[] { VideoOptionNames.AspectRatio, VideoOptionNames.Duration, VideoOptionNames.Style, VideoOptionNames.Seed, VideoOptionNames.Motion, VideoOptionNames.Camera })
        {
            if (values.TryGetValue(name, out var value))
            {
                options.Add(new(name, value));
            }
        }

        return options;
    }

    private static string? Read(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (input.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()?.Trim();
        }

        if (input.TryGetProperty("selected_option", out var one))
        {
            return OptionValue(one);
        }

        if (input.TryGetProperty("selected_options", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            return string.Join(',', many.EnumerateArray().Select(OptionValue).OfType<string>());
        }

        return null;
    }

    /// <summary>A chosen option's <c>value</c>; null when the option is not an object with a string value.</summary>
    private static string? OptionValue(JsonElement option) =>
        option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonObject Input(string blockId, string label, JsonObject element, string? hint = null)
    {
        var input = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["optional"] = true,
            ["label"] = SlackMessages.PlainText(label),
            ["element"] = element,
        };
        if (hint is not null)
        {
            input["hint"] = SlackMessages.PlainText(hint);
        }

        return input;
    }

    /// <summary>The files put in the form's file inputs, with the role of the input each came from.</summary>
    public static IReadOnlyList<SubmittedFile> ReadFiles(SlackViewState? state)
    {
        var files = new List<SubmittedFile>();
        if (state?.Values is not { ValueKind: JsonValueKind.Object } blocks)
        {
            return files;
        }

        foreach (var (blockId, role, _, _, _) in ImageInputs)
        {
            if (!blocks.TryGetProperty(blockId, out var block) || block.ValueKind != JsonValueKind.Object
                || !block.TryGetProperty(FilesActionId, out var input) || input.ValueKind != JsonValueKind.Object
                || !input.TryGetProperty("files", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var file in list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object))
            {
                files.Add(new SubmittedFile(role, String(file, "name") ?? "file", file.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0,
                    String(file, "url_private_download") ?? String(file, "url_private")));
            }
        }

        return files;

        static string? String(JsonElement file, string name) =>
            file.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static JsonObject FileInput(int maxFiles) => new()
    {
        ["type"] = "file_input",
        ["action_id"] = FilesActionId,
        ["filetypes"] = new JsonArray("png", "jpg", "jpeg", "webp"),
        ["max_files"] = maxFiles,
    };

    private static JsonObject TextInput(bool multiline, string placeholder) => new()
    {
        ["type"] = "plain_text_input",
        ["action_id"] = ActionId,
        ["multiline"] = multiline,
        ["placeholder"] = SlackMessages.PlainText(placeholder),
    };

    private static JsonObject Select(IEnumerable<(string Value, string Label)> options, bool multi = false) => new()
    {
        ["type"] = multi ? "multi_static_select" : "static_select",
        ["action_id"] = ActionId,
        ["placeholder"] = SlackMessages.PlainText("Choose"),
        ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["text"] = SlackMessages.PlainText(o.Label.Length > SlackLimits.OptionText ? o.Label[..(SlackLimits.OptionText - 1)] + "…" : o.Label), ["value"] = o.Value })]),
    };
}
