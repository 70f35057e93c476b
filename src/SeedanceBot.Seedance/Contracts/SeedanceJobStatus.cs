namespace SeedanceBot.Seedance.Contracts;

/// <summary>What a status word means. Anything not finished, including words the client has never seen, is in progress.</summary>
public enum SeedanceJobStatus
{
    Processing,
    Succeeded,
    Failed,

    /// <summary>A status the contract does not name; treated as not finished.</summary>
    Unknown,
}
