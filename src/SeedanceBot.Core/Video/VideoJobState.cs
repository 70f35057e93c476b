namespace SeedanceBot.Core.Video;

/// <summary>What a provider says about a job, reduced to what the bot acts on.</summary>
public enum VideoJobState
{
    /// <summary>Queued or generating (also any status the provider invented that the bot does not know).</summary>
    InProgress,

    Succeeded,

    Failed,
}
