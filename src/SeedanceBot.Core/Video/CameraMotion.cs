namespace SeedanceBot.Core.Video;

/// <summary>Camera moves; any combination of one zoom, one pan and one tilt.</summary>
public sealed record CameraMotion(ZoomDirection? Zoom = null, PanDirection? Pan = null, TiltDirection? Tilt = null)
{
    public bool IsEmpty => Zoom is null && Pan is null && Tilt is null;
}
