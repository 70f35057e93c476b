using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Jobs;

/// <summary>
/// The outcome of an atomic reserve-and-insert: the stored job, or the limit it would break and the usage (and money
/// spent) that says so, or <see cref="Replayed"/>: the request that asked for it was taken before, so nothing was made.
/// </summary>
public sealed record JobCreation(BotJob? Job, QuotaRefusal? Refusal, QuotaUsage Usage, MoneySpent? Spent = null)
{
    /// <summary>The request's <see cref="Chat.ReplayKey"/> was already recorded: nothing reserved, nothing stored.</summary>
    public static JobCreation Replay { get; } = new(null, null, QuotaUsage.None) { Replayed = true };

    public bool Created => Job is not null;

    public bool Replayed { get; private init; }
}
