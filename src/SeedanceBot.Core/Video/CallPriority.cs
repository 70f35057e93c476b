namespace SeedanceBot.Core.Video;

/// <summary>Who is waiting for a provider call: shared rate limits serve interactive calls first.</summary>
public enum CallPriority
{
    /// <summary>Background work such as the job poller.</summary>
    Background = 0,

    /// <summary>Anything not tied to a waiting person or a poll.</summary>
    Normal = 1,

    /// <summary>A person is waiting for the answer (a submission, a /status).</summary>
    Interactive = 2,
}
