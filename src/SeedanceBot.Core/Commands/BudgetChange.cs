namespace SeedanceBot.Core.Commands;

/// <summary>
/// What <c>/quota budget</c> changes: whose budget (the target is the request's), which period, and the amount in
/// <c>Pricing:Currency</c> (at most two decimals); or, with no amount, <paramref name="NoBudget"/>: none at all for this
/// one (<c>none</c>: no default or role budget applies), else clear it (<c>clear</c>: back to the next level's budget).
/// </summary>
public sealed record BudgetChange(BudgetScope Scope, BudgetPeriod Period, decimal? Amount, bool NoBudget = false);
