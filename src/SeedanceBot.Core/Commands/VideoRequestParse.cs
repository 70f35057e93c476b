using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>What <see cref="VideoRequestParser"/> read, and everything wrong with it.</summary>
public sealed record VideoRequestParse(VideoRequest Request, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
