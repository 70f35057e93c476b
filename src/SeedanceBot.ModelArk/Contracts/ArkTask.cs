namespace SeedanceBot.ModelArk.Contracts;

/// <summary>
/// A task as GET and callbacks return it, settings included. Timestamps are Unix seconds. The list call answers in a
/// shape of its own (<see cref="ArkListItem"/>).
/// </summary>
internal sealed record ArkTask
{
    public string Id { get; init; } = string.Empty;

    public string? Model { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>expired</c> or <c>cancelled</c>.</summary>
    public string Status { get; init; } = string.Empty;

    public ArkTaskError? Error { get; init; }

    public ArkTaskContent? Content { get; init; }

    /// <summary>What the task is billed for, once it succeeded.</summary>
    public ArkUsage? Usage { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long? Seed { get; init; }

    public string? Ratio { get; init; }

    public int? Duration { get; init; }

    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
}
