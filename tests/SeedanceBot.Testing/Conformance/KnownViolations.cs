namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Violations the bot is known to commit today, in code another change is fixing. A known violation is still found and
/// recorded (<c>Violations</c> on the fakes), but the fake answers it as if it were valid and does not fail the test at
/// dispose, so the rest of the suite keeps running. Each entry names the fix that removes it: delete the entry once that
/// fix is merged; the conformance tests then fail if the violation comes back.
/// </summary>
public static class KnownViolations
{
    /// <summary>Route, then the start of the location, then a piece of the rule's text.</summary>
    private static readonly (string Route, string LocationPrefix, string RuleContains, string FixedBy)[] Entries =
    [
    ];

    public static bool IsKnown(PayloadViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return Entries.Any(e => violation.Route == e.Route
            && violation.Location.StartsWith(e.LocationPrefix, StringComparison.Ordinal)
            && violation.Rule.Contains(e.RuleContains, StringComparison.Ordinal));
    }

    /// <summary>The violations that are not known ones.</summary>
    public static IReadOnlyList<PayloadViolation> Unexpected(IEnumerable<PayloadViolation> violations) => [.. violations.Where(v => !IsKnown(v))];

    /// <summary>Throws <see cref="PayloadConformanceException"/> when any of <paramref name="violations"/> is not a known one.</summary>
    public static void ThrowIfUnexpected(string platform, IEnumerable<PayloadViolation> violations)
    {
        var unexpected = Unexpected(violations);
        if (unexpected.Count > 0)
        {
            throw new PayloadConformanceException(platform, unexpected);
        }
    }
}
