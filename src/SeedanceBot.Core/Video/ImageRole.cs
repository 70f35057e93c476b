namespace SeedanceBot.Core.Video;

/// <summary>What an input image is for in an image-to-video request.</summary>
public enum ImageRole
{
    /// <summary>The video opens on this image.</summary>
    FirstFrame,

    /// <summary>The video ends on this image (only with a first frame).</summary>
    LastFrame,

    /// <summary>A subject or style reference the video draws on (not a frame of it).</summary>
    Reference,
}
