namespace SeedanceBot.Core.Jobs;

/// <summary>The account's concurrent-job cap at the video API: which jobs hold a slot, and whether one more may take one.</summary>
public static class ApiSlots
{
    /// <summary>The states that hold a slot: being sent, or accepted and generating.</summary>
    public static IReadOnlyList<JobState> HoldingStates { get; } = [JobState.Submitting, JobState.Running];

    public static bool Holds(JobState state) => state is JobState.Submitting or JobState.Running;

    /// <summary>Whether a job may take a slot while <paramref name="held"/> other jobs hold one.</summary>
    public static bool Allows(int held, int limit) => held < limit;

    /// <summary>The cap in force: the configured one, lowered to the provider's own when it has one.</summary>
    public static int Limit(int configured, int? provider) => provider is { } cap ? Math.Min(cap, configured) : configured;
}
