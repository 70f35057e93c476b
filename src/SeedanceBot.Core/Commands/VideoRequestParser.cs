using System.Globalization;
using System.Text;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// Turns both input forms of /video into one <see cref="VideoRequest"/>: a line of text with Midjourney-style flags and
/// <c> | </c>-separated scenes (each optionally <c>[4s]</c>), or typed options. Reports every problem at once, naming the
/// field and what is allowed; it does not check provider limits (that is <see cref="VideoRequestValidator"/>).
/// </summary>
/// <remarks>
/// Input comes from chat bodies of up to a megabyte, so the length is bounded before anything is read
/// (<see cref="MaxTextLength"/>) and every step is a hand-written scan, linear in the length: no regular expression,
/// no backtracking.
/// </remarks>
public static class VideoRequestParser
{
    /// <summary>
    /// The most characters /video reads, as a line of text or as one typed option: prompt, scenes and flags together.
    /// Room for Discord's storyboard form (five shots of up to 1,000 characters) with its flags; a single prompt or
    /// scene is further limited by the provider (2,000 for Seedance).
    /// </summary>
    public const int MaxTextLength = 8000;

    /// <summary>At most this many problems are listed (the last says how many more there were), so a reply stays short.</summary>
    public const int MaxErrors = 10;

    /// <summary>A value quoted back in an error is cut to this many characters.</summary>
    private const int MaxQuoted = 40;

    public static VideoRequestParse ParseText(string? text)
    {
        var errors = new List<FieldError>();
        if (Clean(text ?? string.Empty, VideoOptionNames.Prompt, errors) is not { } clean)
        {
            return new VideoRequestParse(new VideoRequest(), errors);
        }

        var options = new List<KeyValuePair<string, string>>();
        var prompt = ExtractFlags(clean, options, errors);
        options.Insert(0, new(VideoOptionNames.Prompt, prompt));
        return Build(options, errors);
    }

    /// <summary>The typed form: option name (see <see cref="VideoOptionNames"/>) to its value as text.</summary>
    public static VideoRequestParse ParseOptions(IEnumerable<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        var clean = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in options)
        {
            if (Clean(value ?? string.Empty, name, errors) is { } cleaned)
            {
                clean.Add(new(name, cleaned));
            }
        }

        return Build(clean, errors);
    }

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
                        errors.Add(new(VideoOptionNames.AspectRatio, $"{Quote(value)} is not an aspect ratio; use one of {string.Join(", ", AspectRatios.All)}."));
                    }

                    break;
                case VideoOptionNames.Duration:
                    var seconds = ReadSeconds(value.EndsWith('s') || value.EndsWith('S') ? value.AsSpan()[..^1] : value, out var duration);
                    if (seconds == Number.Valid)
                    {
                        request = request with { DurationSeconds = duration };
                    }
                    else
                    {
                        errors.Add(new(VideoOptionNames.Duration, seconds == Number.TooLarge
                            ? $"{Quote(value)} seconds is far too long for a video; write its length in seconds, e.g. 8 or 8s."
                            : $"{Quote(value)} is not a number of seconds; write e.g. 8 or 8s."));
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
                        errors.Add(new(VideoOptionNames.Seed, $"{Quote(value)} is not a seed; use a whole number from 0 to {uint.MaxValue}."));
                    }

                    break;
                case VideoOptionNames.Motion:
                    request = WithMotion(request, value, errors);
                    break;
                case VideoOptionNames.Camera:
                    request = WithCamera(request, value, errors);
                    break;
                default:
                    errors.Add(new(name, $"Unknown option {Quote(name)}."));
                    break;
            }
        }

        return new VideoRequestParse(request, Shorten(errors));
    }

    /// <summary>
    /// Refuses what no prompt may hold (more than <see cref="MaxTextLength"/> characters, control characters, broken
    /// UTF-16) and drops the invisible characters that only change how text looks or reads (zero-width spaces, bidi
    /// controls, soft hyphens), so they cannot hide a flag or a separator. Zero-width joiners stay: emoji and some
    /// scripts need them. Null when refused.
    /// </summary>
    private static string? Clean(string text, string field, List<FieldError> errors)
    {
        var what = field == VideoOptionNames.Prompt ? "The text" : $"The value of {Quote(field)}";
        if (text.Length > MaxTextLength)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture,
                $"{what} has {text.Length:N0} characters; /video reads at most {MaxTextLength:N0} (prompt, scenes and flags together).")));
            return null;
        }

        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                errors.Add(new(field, $"{what} has a broken character (U+{(int)c:X4}, half of a pair) at position {i + 1}; type it again or leave it out."));
                return null;
            }

            if (char.IsControl(c) && !char.IsWhiteSpace(c))
            {
                errors.Add(new(field, $"{what} has an invisible control character (U+{(int)c:X4}) at position {i + 1}; remove it and send again."));
                return null;
            }

            if (IsInvisible(c))
            {
                kept ??= new StringBuilder(text.Length).Append(text, 0, i);
                continue;
            }

            kept?.Append(c);
        }

        return kept?.ToString() ?? text;
    }

    private static bool IsInvisible(char c) => c is '\u00AD' or '\u061C' or '\u180E' or '\u200B' or '\u200E' or '\u200F' or '\uFEFF'
        or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069');

    private static VideoRequest WithPrompt(VideoRequest request, string text, List<FieldError> errors)
    {
        var parts = SplitScenes(text);
        if (parts.Count == 1)
        {
            var (prompt, seconds) = SplitSceneDuration(parts[0], "prompt", errors);
            return request with { Prompt = prompt, DurationSeconds = seconds ?? request.DurationSeconds };
        }

        var scenes = new List<VideoScene>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var (prompt, seconds) = SplitSceneDuration(parts[i], $"scenes[{i + 1}]", errors);
            if (prompt.Length == 0)
            {
                errors.Add(new($"scenes[{i + 1}]", $"Scene {i + 1} has no prompt; write something between the ' | ' separators."));
            }

            if (seconds == 0)
            {
                errors.Add(new($"scenes[{i + 1}].duration", $"Scene {i + 1} lasts 0 s ([0s]); give it a length such as [4s], or leave the brackets out to use --duration."));
            }

            // 0 marks "no duration given"; the validator fills it from the request's duration or the default.
            scenes.Add(new VideoScene(prompt, seconds ?? 0));
        }

        return request with { Prompt = null, Scenes = scenes };
    }

    /// <summary>
    /// Splits a storyboard at each <c>|</c> with whitespace (or the text's start or end) on both sides, outside Slack's
    /// <c>&lt;link|label&gt;</c> and <c>&lt;@U123|name&gt;</c>. A <c>|</c> without spaces (<c>a|b</c>) stays in the
    /// prompt, and so does <c>\|</c> (written as <c>|</c>).
    /// </summary>
    private static List<string> SplitScenes(string text)
    {
        var parts = new List<string>();
        var start = 0;
        var closesLeft = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && closesLeft && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                var close = text.IndexOf('>', i + 1);
                if (close < 0)
                {
                    // No '>' anywhere after this one: every later '<' is literal too (and the scan stays linear).
                    closesLeft = false;
                    continue;
                }

                i = close;
                continue;
            }

            if (c == '|' && (i == 0 || char.IsWhiteSpace(text[i - 1])) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                parts.Add(Unescape(text[start..i]));
                start = i + 1;
            }
        }

        parts.Add(Unescape(text[start..]));
        return parts;

        static string Unescape(string part) => part.Replace(@"\|", "|", StringComparison.Ordinal).Trim();
    }

    /// <summary>A trailing <c>[4s]</c> (or <c>[4]</c>, <c>[ 4 s ]</c>) is the scene's length; other brackets are prompt text.</summary>
    private static (string Prompt, int? Seconds) SplitSceneDuration(string text, string field, List<FieldError> errors)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var open = end >= 2 && text[end - 1] == ']' ? text.AsSpan(0, end - 1).LastIndexOfAny('[', ']') : -1;
        if (open < 0 || text[open] != '[')
        {
            return (text.Trim(), null);
        }

        var inner = text.AsSpan(open + 1, end - open - 2).Trim();
        var number = inner.EndsWith('s') || inner.EndsWith('S') ? inner[..^1].TrimEnd() : inner;
        var looksLikeLength = number.Length > 0 && (char.IsAsciiDigit(number[0]) || (number.Length > 1 && number[0] is '-' or '+' && char.IsAsciiDigit(number[1])));
        if (!looksLikeLength || number.ContainsAny(" \t\r\n"))
        {
            return (text.Trim(), null);
        }

        var prompt = text[..open].Trim();
        var marker = text[open..end];
        switch (ReadSeconds(number, out var seconds))
        {
            case Number.Valid:
                return (prompt, seconds);
            case Number.TooLarge:
                errors.Add(new(field, $"{Quote(marker)} is far too long for a scene; write its length in seconds, e.g. [4s]."));
                return (prompt, null);
            default:
                errors.Add(new(field, $"{Quote(marker)} is not a duration; write whole seconds, e.g. [4s]."));
                return (prompt, null);
        }
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
            errors.Add(new(VideoOptionNames.Motion, $"{Quote(value)} is not a motion level; use one of {string.Join(", ", VideoOptionNames.MotionLevels)}."));
            return request;
        }

        return request with { Motion = motion };
    }

    private static VideoRequest WithCamera(VideoRequest request, string value, List<FieldError> errors)
    {
        var camera = request.Camera ?? new CameraMotion();
        var unknown = new List<string>();
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
                unknown.Add(move);
                continue;
            }

            camera = next;
        }

        if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(3).Select(Quote)) + (unknown.Count > 3 ? $" and {unknown.Count - 3} more" : string.Empty);
            errors.Add(new(VideoOptionNames.Camera, $"{named} {(unknown.Count == 1 ? "is not a camera move" : "are not camera moves")}; use any of {string.Join(", ", VideoOptionNames.CameraMoves)} (comma-separated)."));
        }

        return request with { Camera = camera.IsEmpty ? null : camera };
    }

    /// <summary>Removes <c>--flag value</c> pairs from the text and returns what is left: the prompt or storyboard.</summary>
    private static string ExtractFlags(string text, List<KeyValuePair<string, string>> options, List<FieldError> errors)
    {
        var flags = FindFlags(text);
        if (flags.Count == 0)
        {
            return text.Trim();
        }

        var prompt = new StringBuilder(text.Length).Append(text, 0, flags[0].Start);
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < flags.Count; i++)
        {
            var (nameStart, nameEnd) = (flags[i].NameStart, flags[i].NameEnd);
            var flag = text[nameStart..nameEnd];
            var end = i + 1 < flags.Count ? flags[i + 1].Start : text.Length;
            var value = text[nameEnd..end].Trim();
            if (!VideoOptionNames.Flags.TryGetValue(flag, out var name))
            {
                if (reported.Add(flag))
                {
                    errors.Add(new(flag, $"Unknown option --{Cut(flag)}. Options are --ar, --duration, --style, --seed, --motion, --camera."));
                }

                continue;
            }

            if (value.Length == 0)
            {
                errors.Add(new(name, $"--{flag} needs a value."));
                continue;
            }

            // A value is one word, or a comma-separated list for --camera; anything after it belongs to the prompt.
            var valueEnd = name == VideoOptionNames.Camera ? CameraValueEnd(value) : FirstWhitespace(value);
            if (valueEnd > 0)
            {
                prompt.Append(' ').Append(value, valueEnd, value.Length - valueEnd);
                value = value[..valueEnd];
            }

            options.Add(new(name, value));
        }

        return CollapseWhitespace(prompt).Trim();
    }

    /// <summary>
    /// Each flag as (start of its dashes, start and end of its name): two dashes, or one long dash as phones type <c>--</c>,
    /// at the start or after whitespace, then a name starting with a letter. Look-alike dashes count as dashes.
    /// </summary>
    private static List<(int Start, int NameStart, int NameEnd)> FindFlags(string text)
    {
        var flags = new List<(int, int, int)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && !char.IsWhiteSpace(text[i - 1]))
            {
                continue;
            }

            int nameStart;
            if (IsDash(text[i]) && i + 1 < text.Length && IsDash(text[i + 1]))
            {
                nameStart = i + 2;
            }
            else if (IsLongDash(text[i]))
            {
                nameStart = i + 1;
            }
            else
            {
                continue;
            }

            if (nameStart >= text.Length || !char.IsAsciiLetter(text[nameStart]))
            {
                continue;
            }

            var nameEnd = nameStart + 1;
            while (nameEnd < text.Length && IsNameChar(text[nameEnd]))
            {
                nameEnd++;
            }

            flags.Add((i, nameStart, nameEnd));
            i = nameEnd - 1;
        }

        return flags;
    }

    /// <summary>'-' and its look-alikes: hyphens, dashes, minus signs (U+2010-2015, U+2212, U+FE58, U+FE63, U+FF0D).</summary>
    private static bool IsDash(char c) => c is '-' or (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D';

    /// <summary>A dash that phones and chat clients make of "--" (figure, en, em dash, horizontal bar, small em dash).</summary>
    private static bool IsLongDash(char c) => c is (>= '\u2012' and <= '\u2015') or '\uFE58';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static int FirstWhitespace(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where a camera list such as <c>pan-right, tilt-down</c> ends, or -1 when it is the whole value.</summary>
    private static int CameraValueEnd(string value)
    {
        var end = WordEnd(value, 0);
        if (end == 0)
        {
            return -1;
        }

        while (true)
        {
            var next = SkipWhitespace(value, end);
            if (next >= value.Length || value[next] != ',')
            {
                break;
            }

            var wordStart = SkipWhitespace(value, next + 1);
            var wordEnd = WordEnd(value, wordStart);
            if (wordEnd == wordStart)
            {
                break;
            }

            end = wordEnd;
        }

        return end < value.Length ? end : -1;

        static int WordEnd(string s, int i)
        {
            while (i < s.Length && IsNameChar(s[i]))
            {
                i++;
            }

            return i;
        }

        static int SkipWhitespace(string s, int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>Runs of two or more whitespace characters become one space.</summary>
    private static string CollapseWhitespace(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var run = i;
            while (run < text.Length && char.IsWhiteSpace(text[run]))
            {
                run++;
            }

            if (run - i >= 2)
            {
                result.Append(' ');
                i = run - 1;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static Number ReadSeconds(ReadOnlySpan<char> digits, out int seconds)
    {
        seconds = 0;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return Number.Invalid;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) ? Number.Valid : Number.TooLarge;
    }

    private static string Quote(string value) => "'" + Cut(value) + "'";

    private static string Cut(string value) => value.Length <= MaxQuoted ? value : value[..MaxQuoted] + "…";

    /// <summary>Keeps a reply short however broken the input: the first problems, then how many more there were.</summary>
    private static List<FieldError> Shorten(List<FieldError> errors)
    {
        if (errors.Count <= MaxErrors)
        {
            return errors;
        }

        var shown = errors.Take(MaxErrors - 1).ToList();
        shown.Add(new("text", $"…and {errors.Count - shown.Count} more problems; fix these first."));
        return shown;
    }

    private enum Number
    {
        Invalid,
        Valid,
        TooLarge,
    }
}
