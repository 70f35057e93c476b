namespace SeedanceBot.Seedance.Contracts;

/// <summary>Camera moves: <c>zoom</c> in|out, <c>pan</c> left|right, <c>tilt</c> up|down.</summary>
public sealed record SeedanceCamera(string? Zoom = null, string? Pan = null, string? Tilt = null);
