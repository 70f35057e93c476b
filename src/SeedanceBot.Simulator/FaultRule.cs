namespace SeedanceBot.Simulator;

internal sealed class FaultRule(FaultKind kind, int count, string? pathPrefix, string? method, int statusCode, TimeSpan? delay, TimeSpan? retryAfter)
{
    public FaultKind Kind => kind;

    public int Remaining { get; set; } = count;

    public int StatusCode => statusCode;

    public TimeSpan Delay => delay ?? TimeSpan.Zero;

    public TimeSpan? RetryAfter => retryAfter;

    public bool Matches(string requestMethod, string path) =>
        (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
        && (pathPrefix is null || path.StartsWith(pathPrefix, StringComparison.Ordinal));
}
