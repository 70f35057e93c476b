namespace SeedanceBot.Core.Quotas;

/// <summary>What a store counted for a new job, by <see cref="QuotaRule"/>'s predicates: the user's usage and the workspace's.</summary>
/// <param name="User">The caller's charged videos and seconds since <see cref="QuotaCheck.Since"/>, and their running jobs.</param>
/// <param name="WorkspaceVideos">Jobs counting towards the workspace cap since <see cref="QuotaCheck.WorkspaceSince"/>.</param>
/// <param name="WorkspaceSeconds">Their seconds.</param>
/// <param name="Money">Money counted against budgets (<see cref="QuotaRule.CountsMoneyForUser"/>, <see cref="QuotaRule.CountsMoneyForWorkspace"/>); null when no budget applies.</param>
public sealed record CountedUsage(QuotaUsage User, int WorkspaceVideos, int WorkspaceSeconds, MoneySpent? Money = null);
