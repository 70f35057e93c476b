namespace SeedanceBot.Core.Diagnostics;

/// <summary>A probe's answer: its state and a short reason an operator can act on (never a secret).</summary>
public sealed record Readiness(ReadinessState State, string Description)
{
    public static Readiness Ready(string description) => new(ReadinessState.Ready, description);

    public static Readiness Degraded(string description) => new(ReadinessState.Degraded, description);

    public static Readiness NotReady(string description) => new(ReadinessState.NotReady, description);
}
