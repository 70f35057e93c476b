using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// Strict validation of a <c>POST /contents/generations/tasks</c> body (spec §1 "Create body"; the body fields are
/// "validated strictly"). Beyond the spec, the fake refuses fields it does not know, so that a misspelt or invented
/// field (<c>prompt</c>, <c>aspect_ratio</c>) fails loudly instead of being silently ignored. <c>content</c> holds one
/// text item and input images (<c>image_url</c> items with a role, in the spec's three modes that cannot be mixed).
/// </summary>
internal static partial class ArkCreateValidator
{
    public const int DefaultDuration = 5;
    public const int DefaultExecutionExpiresAfter = 172800;
    public const long MaxSeed = 4294967295;

    private static readonly HashSet<string> KnownFields =
    [
        "model", "content", "resolution", "ratio", "duration", "frames", "seed", "camera_fixed", "watermark",
        "generate_audio", "return_last_frame", "callback_url", "execution_expires_after", "service_tier", "priority",
        "safety_identifier", "tools", "draft",
    ];

    private static readonly HashSet<string> Ratios = ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"];
    private static readonly HashSet<string> Resolutions = ["480p", "720p", "1080p"];

    /// <summary>Checks everything but <c>model</c>, which the caller has checked (presence, then whether it is open).</summary>
    public static (ArkCreateOptions? Options, ArkError? Error) Validate(JsonObject body, string model)
    {
        if (body.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return Fail(ArkError.Invalid(unknown, "unknown parameter."));
        }

        var seedance2 = model.Contains("seedance-2-", StringComparison.Ordinal);
        if (ValidateContent(body["content"], out var text, out var roles) is { } contentError)
        {
            return Fail(contentError);
        }

        if (ReadString(body, "ratio", "16:9", Ratios, out var ratio) is { } ratioError)
        {
            return Fail(ratioError);
        }

        if (roles.Contains("first_frame") && body.ContainsKey("ratio") && ratio != "adaptive")
        {
            return Fail(new ArkError(400, "InvalidParameter.TaskTypeConstraint", "The parameter `ratio` must be adaptive for a first-frame task.", "ratio"));
        }

        if (ReadString(body, "resolution", "720p", Resolutions, out var resolution) is { } resolutionError)
        {
            return Fail(resolutionError);
        }

        if (ReadInteger(body, "duration", DefaultDuration, d => d is -1 or (>= 4 and <= 15), "must be an integer in [4, 15] or -1.", out var duration) is { } durationError)
        {
            return Fail(durationError);
        }

        if (ReadInteger(body, "seed", -1, s => s is >= -1 and <= MaxSeed, "must be an integer in [-1, 4294967295].", out var seed) is { } seedError)
        {
            return Fail(seedError);
        }

        if (ReadInteger(body, "execution_expires_after", DefaultExecutionExpiresAfter, s => s is >= 3600 and <= 259200, "must be an integer in [3600, 259200].", out var expiresAfter) is { } expiresError)
        {
            return Fail(expiresError);
        }

        if (ReadInteger(body, "priority", 0, p => p is >= 0 and <= 9, "must be an integer in [0, 9].", out var priority) is { } priorityError)
        {
            return Fail(priorityError);
        }

        if (ReadString(body, "service_tier", "default", ["default", "flex"], out var tier) is { } tierError)
        {
            return Fail(tierError);
        }

        if (seedance2 && tier == "flex")
        {
            return Fail(ArkError.Invalid("service_tier", "flex is not supported by this model."));
        }

        if (seedance2 && body.ContainsKey("frames"))
        {
            return Fail(ArkError.Invalid("frames", "not supported by this model; use duration."));
        }

        if (seedance2 && body.ContainsKey("camera_fixed"))
        {
            return Fail(ArkError.Invalid("camera_fixed", "not supported by this model."));
        }

        if (body.ContainsKey("frames")
            && ReadInteger(body, "frames", 0, f => f is >= 29 and <= 289 && (f - 25) % 4 == 0, "must be 25+4n in [29, 289].", out _) is { } framesError)
        {
            return Fail(framesError);
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, fallback) in new[] { ("generate_audio", true), ("watermark", false), ("return_last_frame", false), ("camera_fixed", false), ("draft", false) })
        {
            if (ReadBoolean(body, name, fallback, out var flag) is { } flagError)
            {
                return Fail(flagError);
            }

            flags[name] = flag;
        }

        if (seedance2 && flags["draft"])
        {
            return Fail(ArkError.Invalid("draft", "not supported by this model."));
        }

        if (body["tools"] is { } tools && (tools is not JsonArray list || list.Any(t => t is not JsonObject o || (string?)o["type"] != "web_search")))
        {
            return Fail(ArkError.Invalid("tools", "must be a list of {\"type\":\"web_search\"}."));
        }

        Uri? callback = null;
        if (body.ContainsKey("callback_url"))
        {
            if (!TryString(body["callback_url"], out var url) || !Uri.TryCreate(url, UriKind.Absolute, out callback) || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps))
            {
                return Fail(ArkError.Invalid("callback_url", "must be an absolute http(s) URL."));
            }
        }

        string? safety = null;
        if (body.ContainsKey("safety_identifier") && (!TryString(body["safety_identifier"], out safety) || safety.Length > 64))
        {
            return Fail(ArkError.Invalid("safety_identifier", "must be a string of at most 64 characters."));
        }

        if (SensitiveWord().IsMatch(text))
        {
            return Fail(new ArkError(400, "InputTextSensitiveContentDetected", "The request failed because the input text may contain sensitive information."));
        }

        return (new ArkCreateOptions(model, text, ratio, (int)duration, seed == -1 ? null : seed, resolution, flags["generate_audio"], flags["watermark"],
            flags["return_last_frame"], callback, (int)expiresAfter, tier, (int)priority, safety), null);
    }

    private static ArkError? ValidateContent(JsonNode? node, out string text, out List<string> roles)
    {
        text = string.Empty;
        roles = [];
        if (node is null)
        {
            return ArkError.Missing("content");
        }

        if (node is not JsonArray { Count: > 0 } items)
        {
            return ArkError.Invalid("content", "must be a non-empty array.");
        }

        var texts = 0;
        foreach (var item in items)
        {
            if (item is not JsonObject entry || !TryString(entry["type"], out var type))
            {
                return ArkError.Invalid("content", "every item must be an object with a type.");
            }

            if (type == "image_url")
            {
                if (ValidateImage(entry) is { } imageError)
                {
                    return imageError;
                }

                roles.Add(entry["role"]!.GetValue<string>());
                continue;
            }

            if (type != "text")
            {
                return ArkError.Invalid("content", $"item type {type} is not supported by the fake (text and images only).");
            }

            if (!entry.ContainsKey("text"))
            {
                return ArkError.Missing("content.text");
            }

            if (!TryString(entry["text"], out var value) || string.IsNullOrWhiteSpace(value))
            {
                return ArkError.Invalid("content.text", "must be a non-empty string.");
            }

            texts++;
            text = value;
        }

        if (texts != 1)
        {
            return ArkError.Invalid("content", "exactly one text item is allowed.");
        }

        var given = roles;
        int Count(string role) => given.Count(r => r == role);
        var frames = Count("first_frame") + Count("last_frame");
        return Count("first_frame") > 1 || Count("last_frame") > 1 ? ArkError.Invalid("content", "at most one first_frame and one last_frame.")
            : Count("last_frame") == 1 && Count("first_frame") == 0 ? ArkError.Invalid("content", "a last_frame needs a first_frame.")
            : frames > 0 && Count("reference_image") > 0 ? ArkError.Invalid("content", "reference_image cannot be mixed with first_frame or last_frame.")
            : Count("reference_image") > 9 ? ArkError.Invalid("content", "at most 9 reference_image items.")
            : null;
    }

    private static ArkError? ValidateImage(JsonObject entry)
    {
        if (!TryString(entry["role"], out var role) || role is not ("first_frame" or "last_frame" or "reference_image"))
        {
            return ArkError.Invalid("content.role", "must be first_frame, last_frame or reference_image.");
        }

        if (entry["image_url"] is not JsonObject image || !TryString(image["url"], out var url))
        {
            return ArkError.Missing("content.image_url.url");
        }

        var match = DataUrl().Match(url);
        if (!match.Success)
        {
            return ArkError.Invalid("content.image_url.url", "must be a data:image/(png|jpeg|webp);base64, URL (the fake downloads nothing).");
        }

        var length = match.Groups["data"].Length;
        return length == 0 || length % 4 != 0 || (long)length * 3 / 4 > 30L * 1024 * 1024
            ? ArkError.Invalid("content.image_url.url", "the image must be valid base64 and smaller than 30 MB.")
            : null;
    }

    [GeneratedRegex("^data:image/(png|jpeg|webp);base64,(?<data>[A-Za-z0-9+/]*={0,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DataUrl();

    private static ArkError? ReadString(JsonObject body, string name, string fallback, HashSet<string> allowed, out string value)
    {
        value = fallback;
        if (!body.ContainsKey(name))
        {
            return null;
        }

        if (TryString(body[name], out var given) && allowed.Contains(given))
        {
            value = given;
            return null;
        }

        return ArkError.Invalid(name, $"must be one of {string.Join(", ", allowed)}.");
    }

    private static ArkError? ReadInteger(JsonObject body, string name, long fallback, Func<long, bool> valid, string rule, out long value)
    {
        value = fallback;
        if (!body.ContainsKey(name))
        {
            return null;
        }

        if (body[name] is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue(out long given) && valid(given))
        {
            value = given;
            return null;
        }

        return ArkError.Invalid(name, rule);
    }

    private static ArkError? ReadBoolean(JsonObject body, string name, bool fallback, out bool value)
    {
        value = fallback;
        if (!body.ContainsKey(name))
        {
            return null;
        }

        if (body[name] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = flag.GetValueKind() == JsonValueKind.True;
            return null;
        }

        return ArkError.Invalid(name, "must be a boolean.");
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = string.Empty;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out value!);
    }

    private static (ArkCreateOptions? Options, ArkError? Error) Fail(ArkError error) => (null, error);

    [GeneratedRegex(@"\bforbidden\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SensitiveWord();
}
