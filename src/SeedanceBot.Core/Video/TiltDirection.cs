namespace SeedanceBot.Core.Video;

public enum TiltDirection
{
    Up,
    Down,
}
