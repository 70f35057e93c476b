namespace SeedanceBot.Core.Commands;

/// <summary>The period a money budget counts over: the quota day, or the calendar month of <c>Quotas:TimeZone</c>.</summary>
public enum BudgetPeriod
{
    Daily,
    Monthly,
}
