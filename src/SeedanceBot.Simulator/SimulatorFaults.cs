namespace SeedanceBot.Simulator;

/// <summary>
/// Faults injected at run time. Each rule applies to the next N matching API requests, counted after the rate-limit
/// check (a 429 does not use a fault up).
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _lock = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>Answers the next <paramref name="count"/> matching requests with <paramref name="statusCode"/> (a 429 says <c>Retry-After: 1</c>).</summary>
    public void FailNext(int count, int statusCode = 500, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.Fail, count, pathPrefix, method, statusCode, null, TimeSpan.FromSeconds(1)));

    public void FailNext(int count, int statusCode, TimeSpan retryAfter, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.Fail, count, pathPrefix, method, statusCode, null, retryAfter));

    /// <summary>Waits <paramref name="delay"/> on the simulator's clock before handling the next matching requests.</summary>
    public void DelayNext(int count, TimeSpan delay, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.Delay, count, pathPrefix, method, 0, delay, null));

    /// <summary>Aborts the connection of the next matching requests without an answer.</summary>
    public void DropNext(int count, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.Drop, count, pathPrefix, method, 0, null, null));

    /// <summary>Handles the next matching requests (a POST creates its job) but answers <paramref name="statusCode"/>.</summary>
    public void FailNextAfterProcessing(int count, int statusCode = 500, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.FailAfterProcessing, count, pathPrefix, method, statusCode, null, null));

    /// <summary>Handles the next matching requests (a POST creates its job), then aborts the connection: the answer is lost.</summary>
    public void DropNextAfterProcessing(int count, string? pathPrefix = null, string? method = null) =>
        Add(new FaultRule(FaultKind.DropAfterProcessing, count, pathPrefix, method, 0, null, null));

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>Takes the first rule matching a request, using one of its remaining count.</summary>
    internal FaultRule? Take(string method, string path)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining > 0 && rule.Matches(method, path))
                {
                    rule.Remaining--;
                    return rule;
                }
            }

            _rules.RemoveAll(r => r.Remaining <= 0);
            return null;
        }
    }

    private void Add(FaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rule.Remaining);
        lock (_lock)
        {
            _rules.Add(rule);
        }
    }
}
