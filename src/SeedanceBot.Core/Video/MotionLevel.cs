namespace SeedanceBot.Core.Video;

/// <summary>How much movement the generated video should have.</summary>
public enum MotionLevel
{
    Low,
    Medium,
    High,
}
