namespace SeedanceBot.Core.Jobs;

/// <summary>
/// Where a job is. Only <c>JobTransitions</c> moves a job from one state to another, together with its quota
/// charge. Delivery of the final message is tracked apart (<see cref="DeliveryState"/>) because both outcomes, a video
/// and a failure notice, must reach the channel exactly once.
/// </summary>
public enum JobState
{
    /// <summary>Stored and charged (reserved); waiting in the bot's fair queue for the API.</summary>
    Queued,

    /// <summary>The submission is on its way; after a crash it is sent again with the same idempotency key.</summary>
    Submitting,

    /// <summary>The provider accepted it and is generating.</summary>
    Running,

    /// <summary>The video is ready; the quota charge is committed.</summary>
    Succeeded,

    /// <summary>Submission or generation failed, or timed out; the reservation is released.</summary>
    Failed,
}
