using System.Globalization;
using System.Text.RegularExpressions;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// Turns both input forms of /video into one <see cref="VideoRequest"/>: a line of text with Midjourney-style flags and
/// <c> | </c>-separated scenes (each optionally <c>[4s]</c>), or typed options. Reports every problem at once, naming the
/// field and what is allowed; it does not check provider limits (that is <see cref="VideoRequestValidator"/>).
/// </summary>
public static partial class VideoRequestParser
{
    public static VideoRequestParse ParseText(string? text)
    {
        var errors = new List<FieldError>();
        var options = new List<KeyValuePair<string, string>>();
        var prompt = ExtractFlags(NormalizeDashes(text ?? string.Empty), options, errors);
        options.Insert(0, new(VideoOptionNames.Prompt, prompt));
        return Build(options, errors);
    }

    /// <summary>The typed form: option name (see <see cref="VideoOptionNames"/>) to its value as text.</summary>
    public static VideoRequestParse ParseOptions(IEnumerable<KeyValuePair<string, string>> options) => Build(options, []);

    private static VideoRequestParse Build(IEnumerable<KeyValuePair<string, string>> options, List<FieldError> errors)
    {
        var request = new VideoRequest();
        foreach (var (name, rawValue) in options)
        {
            var value = rawValue.Trim();
            switch (name)
            {
                case VideoOptionNames.Prompt:
                    request = WithPrompt(request, value, errors);
                    break;
                case VideoOptionNames.AspectRatio:
                    if (AspectRatios.TryParse(value, out var ratio))
                    {
                        request = request with { AspectRatio = ratio.Value };
                    }
                    else
                    {
                        errors.Add(new(VideoOptionNames.AspectRatio, $"'{value}' is not an aspect ratio; use one of {string.Join(", ", AspectRatios.All)}."));
                    }

                    break;
                case VideoOptionNames.Duration:
                    if (TryParseSeconds(value, out var seconds))
                    {
                        request = request with { DurationSeconds = seconds };
                    }
                    else
                    {
                        errors.Add(new(VideoOptionNames.Duration, $"'{value}' is not a number of seconds; write e.g. 8 or 8s."));
                    }

                    break;
                case VideoOptionNames.Style:
                    request = request with { Style = value.ToLowerInvariant() };
                    break;
                case VideoOptionNames.Seed:
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                    {
                        request = request with { Seed = seed };
                    }
                    else
                    {
                        errors.Add(new(VideoOptionNames.Seed, $"'{value}' is not a seed; use a whole number from 0 to {uint.MaxValue}."));
                    }

                    break;
                case VideoOptionNames.Motion:
                    request = WithMotion(request, value, errors);
                    break;
                case VideoOptionNames.Camera:
                    request = WithCamera(request, value, errors);
                    break;
                default:
                    errors.Add(new(name, $"Unknown option '{name}'."));
                    break;
            }
        }

        return new VideoRequestParse(request, errors);
    }

    private static VideoRequest WithPrompt(VideoRequest request, string text, List<FieldError> errors)
    {
        var parts = text.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            var (prompt, seconds) = SplitSceneDuration(parts[0], "prompt", errors);
            return request with { Prompt = prompt, DurationSeconds = seconds ?? request.DurationSeconds };
        }

        var scenes = new List<VideoScene>();
        var missing = new List<int>();
        for (var i = 0; i < parts.Length; i++)
        {
            var (prompt, seconds) = SplitSceneDuration(parts[i], $"scenes[{i + 1}]", errors);
            if (prompt.Length == 0)
            {
                errors.Add(new($"scenes[{i + 1}]", $"Scene {i + 1} has no prompt; write something between the '|' separators."));
            }

            // 0 marks "no duration given"; the validator fills it from the request's duration or the default.
            scenes.Add(new VideoScene(prompt, seconds ?? 0));
        }

        return request with { Prompt = null, Scenes = scenes };
    }

    private static (string Prompt, int? Seconds) SplitSceneDuration(string text, string field, List<FieldError> errors)
    {
        var match = SceneDurationPattern().Match(text);
        if (!match.Success)
        {
            return (text.Trim(), null);
        }

        var prompt = text.Remove(match.Index, match.Length).Trim();
        if (int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (prompt, seconds);
        }

        errors.Add(new(field, $"'{match.Value}' is not a duration; write e.g. [4s]."));
        return (prompt, null);
    }

    private static VideoRequest WithMotion(VideoRequest request, string value, List<FieldError> errors)
    {
        MotionLevel? motion = value.ToLowerInvariant() switch
        {
            "low" or "l" or "1" => MotionLevel.Low,
            "medium" or "med" or "m" or "2" => MotionLevel.Medium,
            "high" or "h" or "3" => MotionLevel.High,
            _ => null,
        };
        if (motion is null)
        {
            errors.Add(new(VideoOptionNames.Motion, $"'{value}' is not a motion level; use one of {string.Join(", ", VideoOptionNames.MotionLevels)}."));
            return request;
        }

        return request with { Motion = motion };
    }

    private static VideoRequest WithCamera(VideoRequest request, string value, List<FieldError> errors)
    {
        var camera = request.Camera ?? new CameraMotion();
        foreach (var move in value.Split([',', ' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = move.ToLowerInvariant().Replace('_', '-');
            CameraMotion? next = normalized switch
            {
                "zoom-in" or "zoomin" => camera with { Zoom = ZoomDirection.In },
                "zoom-out" or "zoomout" => camera with { Zoom = ZoomDirection.Out },
                "pan-left" or "panleft" => camera with { Pan = PanDirection.Left },
                "pan-right" or "panright" => camera with { Pan = PanDirection.Right },
                "tilt-up" or "tiltup" => camera with { Tilt = TiltDirection.Up },
                "tilt-down" or "tiltdown" => camera with { Tilt = TiltDirection.Down },
                "none" or "static" => camera,
                _ => null,
            };
            if (next is null)
            {
                errors.Add(new(VideoOptionNames.Camera, $"'{move}' is not a camera move; use any of {string.Join(", ", VideoOptionNames.CameraMoves)} (comma-separated)."));
                continue;
            }

            camera = next;
        }

        return request with { Camera = camera.IsEmpty ? null : camera };
    }

    /// <summary>Removes <c>--flag value</c> pairs from the text and returns what is left: the prompt or storyboard.</summary>
    private static string ExtractFlags(string text, List<KeyValuePair<string, string>> options, List<FieldError> errors)
    {
        var tokens = FlagPattern().Matches(text);
        if (tokens.Count == 0)
        {
            return text.Trim();
        }

        var prompt = text[..tokens[0].Index];
        for (var i = 0; i < tokens.Count; i++)
        {
            var flag = tokens[i].Groups["flag"].Value;
            var end = i + 1 < tokens.Count ? tokens[i + 1].Index : text.Length;
            var value = text[(tokens[i].Index + tokens[i].Length)..end].Trim();
            if (!VideoOptionNames.Flags.TryGetValue(flag, out var name))
            {
                errors.Add(new(flag, $"Unknown option --{flag}. Options are --ar, --duration, --style, --seed, --motion, --camera."));
                continue;
            }

            if (value.Length == 0)
            {
                errors.Add(new(name, $"--{flag} needs a value."));
                continue;
            }

            // A value is one word, or a comma-separated list for --camera; anything after it belongs to the prompt.
            var firstSpace = name == VideoOptionNames.Camera ? CameraValueEnd(value) : value.IndexOf(' ', StringComparison.Ordinal);
            if (firstSpace > 0)
            {
                prompt += " " + value[firstSpace..];
                value = value[..firstSpace];
            }

            options.Add(new(name, value));
        }

        return MultipleSpaces().Replace(prompt, " ").Trim();
    }

    private static int CameraValueEnd(string value)
    {
        var match = CameraValuePattern().Match(value);
        return match.Success && match.Length < value.Length ? match.Length : -1;
    }

    private static bool TryParseSeconds(string value, out int seconds)
    {
        var trimmed = value.EndsWith('s') ? value[..^1] : value;
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    /// <summary>Phones and chat clients turn "--" into an en or em dash; read those as flags too.</summary>
    private static string NormalizeDashes(string text) => text.Replace('\u2014', '\u2013').Replace("\u2013", "--", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<=^|\s)--(?<flag>[A-Za-z][\w-]*)")]
    private static partial Regex FlagPattern();

    [GeneratedRegex(@"\[\s*(?<n>[^\]\s]*?)\s*s?\s*\]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SceneDurationPattern();

    [GeneratedRegex(@"^[\w-]+(\s*,\s*[\w-]+)*")]
    private static partial Regex CameraValuePattern();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultipleSpaces();
}
