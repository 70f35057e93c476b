using System.Globalization;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /balance: the caller's quota left today, when it resets, jobs running, money spent today and this month (with their
/// budgets); admins also see the workspace's spend and the account's credit.
/// </summary>
public sealed class BalanceCommand(QuotaService quotas, IJobStore store, IVideoProvider provider, AdminPolicy admins) : ICommandHandler
{
    public const string CommandName = "balance";

    private static readonly TimeSpan LedgerWindow = TimeSpan.FromDays(30);

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var origin = command.Origin;
        var check = await quotas.ResolveAsync(origin, command.User, cancellationToken);
        var usage = await store.GetUsageAsync(origin.Platform, origin.WorkspaceId, command.User.UserId, check.Since, cancellationToken);
        var clock = quotas.Clock;
        var fields = new List<ChatField>();
        if (check.User is { } limits)
        {
            fields.Add(new("Videos left today", $"{Math.Max(0, limits.DailyVideos - usage.Videos)} of {limits.DailyVideos}"));
            fields.Add(new("Seconds left today", $"{Math.Max(0, limits.DailySeconds - usage.Seconds)} of {limits.DailySeconds}"));
            fields.Add(new("Running", $"{usage.Running} of {limits.MaxConcurrentJobs}"));
        }
        else
        {
            fields.Add(new("Quota", "exempt (admin)"));
            fields.Add(new("Running", usage.Running.ToString(CultureInfo.InvariantCulture)));
        }

        fields.Add(new("Resets in", JobMessages.Elapsed(clock.Now, clock.NextReset(clock.Now)) + $" (midnight {clock.Zone.Id})"));
        var budget = check.Budget ?? new BudgetCheck(null, null, clock.DayStart(clock.Now), clock.MonthStart(clock.Now), "USD");
        var spent = await store.GetSpendAsync(origin.Platform, origin.WorkspaceId, command.User.UserId, budget.DayStart, budget.MonthStart, cancellationToken);
        string Of(decimal amount, decimal? limit) =>
            Costs.MoneyText.Format(amount, budget.Currency) + (limit is { } l ? " of " + Costs.MoneyText.Format(l, budget.Currency) : " of no budget");
        fields.Add(new("Spent today", Of(spent.UserDay, check.User?.DailyBudget)));
        fields.Add(new("Spent this month", Of(spent.UserMonth, check.User?.MonthlyBudget)));
        var admin = admins.IsAdmin(origin.Platform, command.User);
        if (admin)
        {
            fields.Add(new("Workspace spent today", Of(spent.WorkspaceDay, budget.WorkspaceDaily)));
            fields.Add(new("Workspace spent this month", Of(spent.WorkspaceMonth, budget.WorkspaceMonthly)));
        }

        if (admin)
        {
            fields.Add(new("Account credit", await CreditAsync(cancellationToken)));
            if (!provider.Capabilities.ReportsBalance)
            {
                // The provider keeps no balance the bot can read: show what the bot's own ledger says was generated.
                var since = clock.Now - LedgerWindow;
                var users = await store.TopUsersAsync(origin.Platform, origin.WorkspaceId, since, int.MaxValue, cancellationToken);
                fields.Add(new("Generated, last 30 days (bot's ledger)", string.Create(CultureInfo.InvariantCulture, $"{users.Sum(u => u.Videos)} videos, {users.Sum(u => u.Seconds)} s")));
            }
        }

        return CommandReply.Of(new ChatMessage { Text = "Your video quota", Ephemeral = true, Fields = fields });
    }

    private async Task<string> CreditAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await provider.GetBalanceAsync(cancellationToken) is { } balance
                ? string.Create(CultureInfo.InvariantCulture, $"{balance.Amount:0.##} {balance.Unit}")
                : $"{provider.Capabilities.Name} does not report it; see the provider's console.";
        }
        catch (VideoProviderException ex)
        {
            return "unavailable: " + ProviderErrorMessages.ForUser(ex);
        }
    }
}
