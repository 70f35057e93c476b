using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary>A job as <c>POST /videos</c> and <c>GET /videos/{id}</c> return it. Only <see cref="Id"/> is required.</summary>
public sealed record SeedanceJob
{
    public required string Id { get; init; }

    /// <summary>The raw status word; see <see cref="StatusKind"/> for what it means to the client.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Url { get; init; }

    /// <summary>The video's last frame (PNG) when <c>return_last_frame</c> was asked; it expires like <see cref="Url"/>.</summary>
    public string? LastFrameUrl { get; init; }

    /// <summary>Present when failed: the API sends a string or an object; both arrive here.</summary>
    public SeedanceError? Error { get; init; }

    public double? Progress { get; init; }

    public double? EtaSecs { get; init; }

    [JsonIgnore]
    public SeedanceJobStatus StatusKind => SeedanceJobStatuses.Parse(Status);
}
