using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// Checks a parsed request against the provider's limits before any API call and fills in defaults (a single shot's
/// duration, scenes without their own). Every message names the field and what is allowed.
/// </summary>
public static class VideoRequestValidator
{
    public static VideoRequestParse Validate(VideoRequest request, ProviderCapabilities limits, IReadOnlyCollection<string>? knownStyles)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<FieldError>();
        var shotRange = $"{limits.MinShotSeconds}-{limits.MaxShotSeconds} seconds";

        if (request.IsStoryboard)
        {
            var scenes = request.Scenes!;
            if (scenes.Count < 2 || scenes.Count > limits.MaxScenes)
            {
                errors.Add(new("scenes", $"A storyboard has 2 to {limits.MaxScenes} scenes separated by ' | '; this one has {scenes.Count}."));
            }

            // Scenes the provider renders one by one each need a shot's length; shots written into one prompt need only add up.
            var sceneMin = limits.NativeStoryboards ? limits.MinShotSeconds : 1;
            var filled = new List<VideoScene>(scenes.Count);
            for (var i = 0; i < scenes.Count; i++)
            {
                var scene = scenes[i];
                var seconds = scene.DurationSeconds > 0 ? scene.DurationSeconds : request.DurationSeconds ?? limits.DefaultShotSeconds;
                filled.Add(scene with { DurationSeconds = seconds });
                if (i >= limits.MaxScenes)
                {
                    // Scenes past the limit are already refused by the count; listing each of a thousand would bury it.
                    continue;
                }

                CheckPrompt(scene.Prompt, $"scenes[{i + 1}].prompt", $"Scene {i + 1}", limits, errors);
                if (seconds < sceneMin || seconds > limits.MaxShotSeconds)
                {
                    errors.Add(new($"scenes[{i + 1}].duration", $"Scene {i + 1} lasts {seconds} s; each scene may last {sceneMin}-{limits.MaxShotSeconds} seconds."));
                }
            }

            var total = filled.Sum(s => (long)s.DurationSeconds); // long: a storyboard of [2147483647s] scenes must not overflow
            if (total > limits.MaxTotalSeconds)
            {
                errors.Add(new("duration", $"The scenes add up to {total} s; a storyboard may last at most {limits.MaxTotalSeconds} s in all."));
            }
            else if (total < limits.MinTotalSeconds)
            {
                errors.Add(new("duration", $"The scenes add up to {total} s; the video API makes videos of at least {limits.MinTotalSeconds} s."));
            }

            request = request with { Scenes = filled, DurationSeconds = null };
        }
        else
        {
            CheckPrompt(request.Prompt, "prompt", "The prompt", limits, errors);
            var seconds = request.DurationSeconds ?? limits.DefaultShotSeconds;
            if (seconds < limits.MinShotSeconds || seconds > limits.MaxShotSeconds)
            {
                errors.Add(new("duration", $"Duration {seconds} s is out of range; use {shotRange}."));
            }

            request = request with { DurationSeconds = seconds };
        }

        if (request.Seed is { } seed && (seed < 0 || seed > limits.MaxSeed))
        {
            errors.Add(new("seed", $"Seed {seed} is out of range; use a whole number from 0 to {limits.MaxSeed}."));
        }

        if (request.Style is { } style && knownStyles is { Count: > 0 } && !knownStyles.Contains(style, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("style", $"Unknown style '{style}'; choose one of {string.Join(", ", knownStyles)} (see /styles)."));
        }

        return new VideoRequestParse(request, errors);
    }

    private static void CheckPrompt(string? prompt, string field, string what, ProviderCapabilities limits, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            errors.Add(new(field, $"{what} is empty; describe the video, e.g. /video a fox in the snow --ar 9:16."));
        }
        else if (prompt.Length > limits.MaxPromptLength)
        {
            errors.Add(new(field, $"{what} has {prompt.Length} characters; the limit is {limits.MaxPromptLength}."));
        }
    }
}
