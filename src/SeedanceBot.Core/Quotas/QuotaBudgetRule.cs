using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Quotas;

/// <summary>The configured money budgets are amounts of 0 or more.</summary>
internal sealed class QuotaBudgetRule : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, value) in new[]
        {
            (nameof(QuotaOptions.DailyBudget), options.DailyBudget),
            (nameof(QuotaOptions.MonthlyBudget), options.MonthlyBudget),
            (nameof(QuotaOptions.WorkspaceDailyBudget), options.WorkspaceDailyBudget),
            (nameof(QuotaOptions.WorkspaceMonthlyBudget), options.WorkspaceMonthlyBudget),
        })
        {
            if (value < 0)
            {
                failures.Add($"Quotas:{key} must be 0 or more, or left out for no budget (it is {value}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
