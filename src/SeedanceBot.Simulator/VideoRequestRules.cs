using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Simulator;

/// <summary>The contract's validation of <c>POST /videos</c>, field by field, on the raw JSON so wrong types are named too.</summary>
internal static class VideoRequestRules
{
    public const int MaxPromptLength = 2000;
    public const int MaxShotSeconds = 20;
    public const int MaxScenes = 10;
    public const int MaxTotalSeconds = 60;
    public const int DefaultSeconds = 5;

    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];
    private static readonly string[] MotionLevels = ["low", "medium", "high"];
    private static readonly Dictionary<string, string[]> CameraMoves = new()
    {
        ["zoom"] = ["in", "out"],
        ["pan"] = ["left", "right"],
        ["tilt"] = ["up", "down"],
    };

    /// <summary>Returns every field error, and the total requested seconds when there are none.</summary>
    public static (List<(string Field, string Message)> Errors, int TotalSeconds, string? WebhookUrl) Validate(JsonElement root) =>
        Validate(root, out _);

    /// <param name="root">The request body.</param>
    /// <param name="images">What the job records of the request's input images (see <see cref="ImageRules"/>), or null.</param>
    public static (List<(string Field, string Message)> Errors, int TotalSeconds, string? WebhookUrl) Validate(JsonElement root, out JsonArray? images)
    {
        var errors = new List<(string, string)>();
        images = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(("body", "must be a JSON object"));
            return (errors, 0, null);
        }

        var hasPrompt = root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind != JsonValueKind.Null;
        var hasScenes = root.TryGetProperty("scenes", out var scenes) && scenes.ValueKind != JsonValueKind.Null;
        var total = 0;
        if (hasPrompt == hasScenes)
        {
            errors.Add(("prompt", "exactly one of prompt and scenes is required"));
        }
        else if (hasPrompt)
        {
            CheckPrompt(prompt, "prompt", errors);
            total = ReadSeconds(root, "duration_secs", errors) ?? DefaultSeconds;
        }
        else
        {
            total = CheckScenes(scenes, errors);
            if (root.TryGetProperty("duration_secs", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                errors.Add(("duration_secs", "is not allowed with scenes; give each scene its duration_secs"));
            }
        }

        CheckChoice(root, "aspect_ratio", AspectRatios, errors);
        CheckChoice(root, "motion_level", MotionLevels, errors);
        CheckChoice(root, "style", StyleCatalog.Ids, errors);
        CheckSeed(root, errors);
        CheckCamera(root, errors);
        var webhook = CheckWebhook(root, errors);
        if (root.TryGetProperty("return_last_frame", out var lastFrame) && lastFrame.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            errors.Add(("return_last_frame", "must be a boolean"));
        }

        images = ImageRules.Check(root, errors);
        return (errors, total, webhook);
    }

    private static void CheckPrompt(JsonElement prompt, string field, List<(string, string)> errors)
    {
        if (prompt.ValueKind != JsonValueKind.String)
        {
            errors.Add((field, "must be a string"));
            return;
        }

        var length = prompt.GetString()!.Trim().Length;
        if (length is < 1 or > MaxPromptLength)
        {
            errors.Add((field, $"must be 1 to {MaxPromptLength} characters"));
        }
    }

    private static int CheckScenes(JsonElement scenes, List<(string, string)> errors)
    {
        if (scenes.ValueKind != JsonValueKind.Array)
        {
            errors.Add(("scenes", "must be an array of {prompt, duration_secs}"));
            return 0;
        }

        var count = scenes.GetArrayLength();
        if (count is < 1 or > MaxScenes)
        {
            errors.Add(("scenes", $"must have 1 to {MaxScenes} scenes"));
        }

        var total = 0;
        var index = 0;
        foreach (var scene in scenes.EnumerateArray())
        {
            var field = $"scenes[{index++}]";
            if (scene.ValueKind != JsonValueKind.Object)
            {
                errors.Add((field, "must be an object {prompt, duration_secs}"));
                continue;
            }

            if (scene.TryGetProperty("prompt", out var prompt))
            {
                CheckPrompt(prompt, field + ".prompt", errors);
            }
            else
            {
                errors.Add((field + ".prompt", "is required"));
            }

            total += ReadSeconds(scene, "duration_secs", errors, field + ".") ?? DefaultSeconds;
        }

        if (total > MaxTotalSeconds)
        {
            errors.Add(("scenes", $"total duration must be at most {MaxTotalSeconds} seconds"));
        }

        return total;
    }

    private static int? ReadSeconds(JsonElement owner, string name, List<(string, string)> errors, string prefix = "")
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var seconds))
        {
            errors.Add((prefix + name, "must be an integer"));
            return null;
        }

        if (seconds is < 1 or > MaxShotSeconds)
        {
            errors.Add((prefix + name, $"must be between 1 and {MaxShotSeconds}"));
            return null;
        }

        return seconds;
    }

    private static void CheckChoice(JsonElement root, string name, IEnumerable<string> allowed, List<(string, string)> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()))
        {
            errors.Add((name, $"must be one of {string.Join(", ", allowed)}"));
        }
    }

    private static void CheckSeed(JsonElement root, List<(string, string)> errors)
    {
        if (!root.TryGetProperty("seed", out var seed) || seed.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (seed.ValueKind != JsonValueKind.Number || !seed.TryGetInt64(out var value) || value < 0 || value > uint.MaxValue)
        {
            errors.Add(("seed", $"must be an integer from 0 to {uint.MaxValue}"));
        }
    }

    private static void CheckCamera(JsonElement root, List<(string, string)> errors)
    {
        if (!root.TryGetProperty("camera", out var camera) || camera.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (camera.ValueKind != JsonValueKind.Object)
        {
            errors.Add(("camera", "must be an object with zoom, pan and/or tilt"));
            return;
        }

        foreach (var move in camera.EnumerateObject())
        {
            if (!CameraMoves.TryGetValue(move.Name, out var allowed))
            {
                errors.Add(("camera." + move.Name, "is not a camera move; use zoom, pan or tilt"));
            }
            else if (move.Value.ValueKind != JsonValueKind.String || !allowed.Contains(move.Value.GetString()))
            {
                errors.Add(("camera." + move.Name, $"must be one of {string.Join(", ", allowed)}"));
            }
        }
    }

    private static string? CheckWebhook(JsonElement root, List<(string, string)> errors)
    {
        if (!root.TryGetProperty("webhook_url", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            return url.AbsoluteUri;
        }

        errors.Add(("webhook_url", "must be an absolute https URL"));
        return null;
    }
}
