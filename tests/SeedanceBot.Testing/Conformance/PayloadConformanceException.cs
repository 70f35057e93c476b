namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Thrown when a fake (or a harness) is disposed after the bot sent it a body that breaks the platform's rules, so the
/// test that made the bot send it fails even when it never looked at that body.
/// </summary>
public sealed class PayloadConformanceException : Exception
{
    public PayloadConformanceException()
    {
    }

    public PayloadConformanceException(string message)
        : base(message)
    {
    }

    public PayloadConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PayloadConformanceException(string platform, IReadOnlyList<PayloadViolation> violations)
        : base($"The bot sent {platform} {violations?.Count} payload(s) that break its rules:\n  " + string.Join("\n  ", violations ?? []))
    {
    }
}
