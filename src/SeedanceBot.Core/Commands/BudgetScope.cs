namespace SeedanceBot.Core.Commands;

/// <summary>Whose money budget a <c>/quota budget</c> request sets: one member's, a role tier's, or the whole workspace's.</summary>
public enum BudgetScope
{
    User,
    Role,
    Workspace,
}
