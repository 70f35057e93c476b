namespace SeedanceBot.Core.Video;

/// <summary>The frame shapes every provider offers.</summary>
public enum AspectRatio
{
    /// <summary>16:9, the default.</summary>
    Landscape,

    /// <summary>9:16, for phones and stories.</summary>
    Portrait,

    /// <summary>1:1.</summary>
    Square,
}
