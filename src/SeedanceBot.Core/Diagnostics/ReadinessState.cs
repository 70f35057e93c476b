namespace SeedanceBot.Core.Diagnostics;

/// <summary>Ready; degraded (works, with a problem worth seeing); not ready (cannot do its work).</summary>
public enum ReadinessState
{
    Ready,
    Degraded,
    NotReady,
}
