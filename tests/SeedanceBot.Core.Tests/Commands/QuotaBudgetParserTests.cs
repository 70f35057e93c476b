using SeedanceBot.Core.Commands;

namespace SeedanceBot.Core.Tests.Commands;

/// <summary><c>/quota budget ...</c> as text and as typed options: the same request, and a friendly error for a bad amount.</summary>
public sealed class QuotaBudgetParserTests
{
    public static TheoryData<string, KeyValuePair<string, string>[], string?, BudgetChange> SameRequests => new()
    {
        { "budget user <@123> daily 2.50", [new("action", "budget"), new("scope", "user"), new("user", "123"), new("period", "daily"), new("amount", "2.5")], "123", new(BudgetScope.User, BudgetPeriod.Daily, 2.50m) },
        { "budget user <@U0ABC|ann> monthly 40", [new("action", "budget"), new("scope", "user"), new("user", "U0ABC"), new("period", "monthly"), new("amount", "40")], "U0ABC", new(BudgetScope.User, BudgetPeriod.Monthly, 40m) },
        { "budget role <@&456> monthly 40", [new("action", "budget"), new("scope", "role"), new("role", "456"), new("period", "monthly"), new("amount", "40")], "456", new(BudgetScope.Role, BudgetPeriod.Monthly, 40m) },
        { "budget workspace daily 20", [new("action", "budget"), new("scope", "workspace"), new("period", "daily"), new("amount", "20")], null, new(BudgetScope.Workspace, BudgetPeriod.Daily, 20m) },
        { "budget workspace monthly 0", [new("action", "budget"), new("scope", "workspace"), new("period", "monthly"), new("amount", "0")], null, new(BudgetScope.Workspace, BudgetPeriod.Monthly, 0m) },
        { "budget user 123 daily clear", [new("action", "budget"), new("scope", "user"), new("user", "123"), new("period", "daily"), new("clear", "true")], "123", new(BudgetScope.User, BudgetPeriod.Daily, null) },
        { "budget role 456 monthly clear", [new("action", "budget"), new("scope", "role"), new("role", "456"), new("period", "monthly"), new("clear", "true")], "456", new(BudgetScope.Role, BudgetPeriod.Monthly, null) },
        { "BUDGET Workspace Daily CLEAR", [new("action", "budget"), new("scope", "workspace"), new("period", "daily"), new("clear", "true")], null, new(BudgetScope.Workspace, BudgetPeriod.Daily, null) },
        { "budget user <@123> daily none", [new("action", "budget"), new("scope", "user"), new("user", "123"), new("period", "daily"), new("none", "true")], "123", new(BudgetScope.User, BudgetPeriod.Daily, null, NoBudget: true) },
        { "budget role 456 monthly None", [new("action", "budget"), new("scope", "role"), new("role", "456"), new("period", "monthly"), new("none", "true"), new("clear", "false")], "456", new(BudgetScope.Role, BudgetPeriod.Monthly, null, NoBudget: true) },
        { "budget workspace daily unlimited", [new("action", "budget"), new("scope", "workspace"), new("period", "daily"), new("none", "true")], null, new(BudgetScope.Workspace, BudgetPeriod.Daily, null, NoBudget: true) },
    };

    [Theory]
    [MemberData(nameof(SameRequests))]
    public void ParseTextAndParseOptions_Budget_ReadTheSameChange(string text, KeyValuePair<string, string>[] options, string? target, BudgetChange change)
    {
        var fromText = QuotaRequestParser.ParseText(text);
        var fromOptions = QuotaRequestParser.ParseOptions(options);

        Assert.Null(fromText.Error);
        Assert.Equal(QuotaAction.Budget, fromText.Request!.Action);
        Assert.Equal(target, fromText.Request.Target);
        Assert.Equal(change, fromText.Request.Budget);
        Assert.Equal(fromText, fromOptions);
    }

    [Theory]
    [InlineData("budget user 123 daily abc", "'abc' is not an amount")]
    [InlineData("budget user 123 daily -1", "can't be negative")]
    [InlineData("budget user 123 daily 1e9", "'1e9' is not an amount")]
    [InlineData("budget user 123 daily 1000000.01", "at most 1000000")]
    [InlineData("budget user 123 daily 2000000", "at most 1000000")]
    [InlineData("budget user 123 daily 2.555", "at most two decimals")]
    [InlineData("budget user 123 daily 1,50", "'1,50' is not an amount")]
    [InlineData("budget user 123 daily $2", "'$2' is not an amount")]
    [InlineData("budget user 123 daily nothing", "'nothing' is not an amount: write a number like 2.50 (in the bot's currency), none or clear.")]
    [InlineData("budget user 123 daily none 2", "Usage: /quota budget")]
    [InlineData("budget user 123 daily", "Usage: /quota budget")]
    [InlineData("budget user 123 2.50", "Usage: /quota budget")]
    [InlineData("budget user 123 weekly 2.50", "Usage: /quota budget")]
    [InlineData("budget user daily 2.50", "Usage: /quota budget")]
    [InlineData("budget workspace daily 2 3", "Usage: /quota budget")]
    [InlineData("budget everyone daily 2", "Usage: /quota budget")]
    [InlineData("budget", "Usage: /quota budget")]
    public void ParseText_BadBudget_SaysWhatIsWrong(string text, string error)
    {
        var parse = QuotaRequestParser.ParseText(text);

        Assert.Null(parse.Request);
        Assert.Contains(error, parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "daily", "-0.5", null, "can't be negative")]
    [InlineData("user", "daily", "1E9", null, "'1E9' is not an amount")]
    [InlineData("user", "daily", "0.001", null, "at most two decimals")]
    [InlineData("user", "daily", "2", "true", "Either clear the budget or set an amount")]
    [InlineData("user", "daily", null, null, "Say the amount")]
    [InlineData("user", "daily", null, "false", "Say the amount")]
    [InlineData("user", null, "2", null, "Usage: /quota budget")]
    [InlineData(null, "daily", "2", null, "Usage: /quota budget")]
    public void ParseOptions_BadBudget_SaysWhatIsWrong(string? scope, string? period, string? amount, string? clear, string error)
    {
        List<KeyValuePair<string, string>> options = [new("action", "budget"), new("user", "123")];
        foreach (var (name, value) in new[] { ("scope", scope), ("period", period), ("amount", amount), ("clear", clear) })
        {
            if (value is not null)
            {
                options.Add(new(name, value));
            }
        }

        var parse = QuotaRequestParser.ParseOptions(options);

        Assert.Null(parse.Request);
        Assert.Contains(error, parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "true", null, "Either set none or set an amount")]
    [InlineData(null, "true", "true", "Either clear the budget (back to the default) or set none")]
    [InlineData("2", "true", "true", "Choose one: an amount, none (no budget at all) or clear")]
    [InlineData(null, "false", null, "Say the amount (e.g. 2.50), none for no budget, or clear")]
    public void ParseOptions_NoneWithAnotherChoice_SaysPickOne(string? amount, string none, string? clear, string error)
    {
        List<KeyValuePair<string, string>> options = [new("action", "budget"), new("scope", "user"), new("user", "123"), new("period", "daily"), new("none", none)];
        options.AddRange(new[] { ("amount", amount), ("clear", clear) }.Where(o => o.Item2 is not null).Select(o => new KeyValuePair<string, string>(o.Item1, o.Item2!)));

        var parse = QuotaRequestParser.ParseOptions(options);

        Assert.Null(parse.Request);
        Assert.Contains(error, parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOptions_BudgetTargetHoldingMoreWords_IsRefused()
    {
        var parse = QuotaRequestParser.ParseOptions([new("action", "budget"), new("scope", "user"), new("user", "123 monthly 5"), new("period", "daily"), new("amount", "2")]);

        Assert.Null(parse.Request);
        Assert.StartsWith("Usage: /quota budget", parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.50", 2.50)]
    [InlineData("2.500", 2.50)]
    [InlineData(" 7 ", 7)]
    [InlineData(".5", 0.5)]
    [InlineData("1000000", 1000000)]
    public void TryReadAmount_PlainDecimals_AreRead(string raw, double expected)
    {
        Assert.True(QuotaRequestParser.TryReadAmount(raw, out var amount, out _));
        Assert.Equal((decimal)expected, amount);
    }
}
