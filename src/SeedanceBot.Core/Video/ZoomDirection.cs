namespace SeedanceBot.Core.Video;

public enum ZoomDirection
{
    In,
    Out,
}
