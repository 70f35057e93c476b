namespace SeedanceBot.Core.Quotas;

/// <summary>Money spent or reserved (estimates of jobs still running, bills of finished ones) this quota day and month, by the user and by the workspace.</summary>
public sealed record MoneySpent(decimal UserDay, decimal UserMonth, decimal WorkspaceDay, decimal WorkspaceMonth)
{
    public static MoneySpent None { get; } = new(0, 0, 0, 0);
}
