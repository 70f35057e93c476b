namespace SeedanceBot.Core.Jobs;

/// <summary>A job's quota charge: reserved at submission, committed on success, released otherwise.</summary>
public enum ChargeState
{
    Reserved,
    Committed,
    Released,

    /// <summary>The caller was exempt (an admin, when configured): nothing was counted.</summary>
    Exempt,
}
