using System.Text.Json.Serialization;

namespace SeedanceBot.ModelArk.Contracts;

/// <summary>
/// A task as the list call returns it: the SDKs' <c>ListContentGenerationTaskItem</c>, a shape of its own. A failed task's
/// reason is <c>failure_reason</c> (<c>error</c> is read too, for servers that answer in the task's shape), and there is
/// no <c>resolution</c>, <c>ratio</c> or <c>duration</c>: whoever needs the settings GETs the task (<see cref="ArkTask"/>).
/// </summary>
internal sealed record ArkListItem
{
    public string Id { get; init; } = string.Empty;

    public string? Model { get; init; }

    /// <summary>As <see cref="ArkTask.Status"/>.</summary>
    public string Status { get; init; } = string.Empty;

    [JsonConverter(typeof(ArkFailureReasonConverter))]
    public ArkTaskError? FailureReason { get; init; }

    /// <summary>The GET task's field; list items should not carry it, but one that does is still read.</summary>
    [JsonConverter(typeof(ArkFailureReasonConverter))]
    public ArkTaskError? Error { get; init; }

    public ArkTaskContent? Content { get; init; }

    /// <summary>As <see cref="ArkTask.Usage"/>.</summary>
    public ArkUsage? Usage { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long? Seed { get; init; }

    /// <summary>Why the task failed: <c>failure_reason</c>, else <c>error</c>; null when neither says anything.</summary>
    [JsonIgnore]
    public ArkTaskError? Reason => Said(FailureReason) ?? Said(Error);

    private static ArkTaskError? Said(ArkTaskError? error) =>
        error is { Code.Length: > 0 } or { Message.Length: > 0 } ? error : null;
}
