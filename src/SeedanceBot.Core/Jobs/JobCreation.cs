using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Jobs;

/// <summary>The outcome of an atomic reserve-and-insert: the stored job, or the limit it would break and the usage (and money spent) that says so.</summary>
public sealed record JobCreation(BotJob? Job, QuotaRefusal? Refusal, QuotaUsage Usage, MoneySpent? Spent = null)
{
    public bool Created => Job is not null;
}
