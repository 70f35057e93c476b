namespace SeedanceBot.Core.Video;

public enum PanDirection
{
    Left,
    Right,
}
