using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// A content generation task held by the fake ModelArk (written from ../shared/specs/modelark.md), as it stands on the
/// fake clock when the snapshot was taken. <see cref="CreatedAt"/> and <see cref="UpdatedAt"/> are Unix seconds, as on
/// the wire; <see cref="Request"/> is a copy of the create body; <see cref="ErrorCode"/> is set for a failed task;
/// <see cref="VideoUrl"/> is the presigned <c>content.video_url</c> of a succeeded task.
/// </summary>
public sealed record FakeArkTask(
    string Id,
    string Model,
    string Status,
    long CreatedAt,
    long UpdatedAt,
    JsonObject Request,
    string? CallbackUrl,
    string? ErrorCode,
    string? VideoUrl);
