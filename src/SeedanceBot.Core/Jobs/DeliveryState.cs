namespace SeedanceBot.Core.Jobs;

/// <summary>The final message of a finished job (the video, or why it failed).</summary>
public enum DeliveryState
{
    /// <summary>The job has not finished yet.</summary>
    NotReady,

    /// <summary>Finished; the final message has not been confirmed posted.</summary>
    Pending,

    /// <summary>An attempt started. After a crash here the adapter is asked to deliver again idempotently.</summary>
    Delivering,

    /// <summary>Posted, confirmed and recorded.</summary>
    Delivered,

    /// <summary>Given up after repeated failures (the channel is gone, the bot was removed).</summary>
    Abandoned,
}
