namespace SeedanceBot.Core.Video;

/// <summary>
/// Who is waiting for a provider call: a shared rate limit serves the higher value first (first come first served
/// within one). When the budget binds the order is: a person waiting, then a poll that most likely delivers a result,
/// then submissions, then other polls.
/// </summary>
public enum CallPriority
{
    /// <summary>Background work: a poll of a job not yet expected to be done, or one that already ran late several times.</summary>
    Background = 0,

    /// <summary>Anything not tied to a waiting person or a poll; submissions from the bot's queue.</summary>
    Normal = 1,

    /// <summary>A poll of a job past its expected finish: it most likely delivers a result, so it goes before submissions.</summary>
    Overdue = 2,

    /// <summary>A person is waiting for the answer (a /status, the styles of a form).</summary>
    Interactive = 3,
}
