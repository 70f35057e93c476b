using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Simulator;

/// <summary>The contract's endpoints under <c>/v2</c>, and the media files under <c>/media</c>.</summary>
internal static class SimulatorEndpoints
{
    private static readonly Lazy<byte[]> SampleVideo = new(() => Embedded("sample.mp4"));

    /// <summary>Every clip's last frame: a 640x360 PNG of colour bars (Assets/last_frame.py made it).</summary>
    internal static readonly Lazy<byte[]> LastFrame = new(() => Embedded("last_frame.png"));

    public static void Map(WebApplication app)
    {
        app.UseWhen(
            static context => context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal),
            static branch => branch.UseMiddleware<ApiGateMiddleware>());
        var api = app.MapGroup("/v2");
        api.MapPost("/videos", SubmitAsync);
        api.MapGet("/videos/{id}", GetVideo);
        api.MapGet("/styles", GetStyles);
        api.MapGet("/account/balance", GetBalance);
        api.MapFallback(static () => Results.Json(JobJson.Error("not_found", "No such endpoint."), SimulatorJsonContext.Default.JsonObject, statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/media/{file}", GetMedia);
        app.MapGet("/", static (HttpRequest request) => Results.Text(
            $"Seedance simulator. API base: {request.Scheme}://{request.Host}/v2 (Bearer auth).", "text/plain"));
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SimulatorState state, WebhookSender webhooks)
    {
        // Input images travel base64 in the body: allow the contract's 64 MB instead of the server's 30 MB default.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ImageRules.MaxBodyBytes;
        }

        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is not null && state.TryGetIdempotent(key, out var replay))
        {
            return Results.Text(replay.Body, "application/json", statusCode: replay.Status);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Results.Json(JobJson.Error("invalid_json", "The body is not valid JSON: " + ex.Message), SimulatorJsonContext.Default.JsonObject, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var (errors, totalSeconds, webhookUrl) = VideoRequestRules.Validate(root, out var images);
        if (errors.Count > 0)
        {
            var summary = string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"));
            return Results.Json(JobJson.Error("validation_failed", summary, errors), SimulatorJsonContext.Default.JsonObject, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var compact = JsonSerializer.Serialize(root, SimulatorJsonContext.Default.JsonElement);
        if (images is not null)
        {
            // The job keeps what it was given (role, type, size, hash), not megabytes of base64.
            var recorded = JsonNode.Parse(compact)!.AsObject();
            recorded["images"] = images;
            compact = recorded.ToJsonString();
        }

        var returnLastFrame = root.TryGetProperty("return_last_frame", out var wantsFrame) && wantsFrame.ValueKind == JsonValueKind.True;
        var job = state.CreateJob(compact, totalSeconds, webhookUrl, key, created =>
        {
            var accepted = new JsonObject { ["id"] = created.Id, ["status"] = "processing", ["created_at"] = JobJson.Iso(created.CreatedAt) };
            return (StatusCodes.Status202Accepted, accepted.ToJsonString());
        }, out var response, returnLastFrame);
        if (job.WebhookUrl is not null && response.Status == StatusCodes.Status202Accepted)
        {
            webhooks.Schedule(job, MediaBase(request));
        }

        return Results.Text(response.Body, "application/json", statusCode: response.Status);
    }

    private static IResult GetVideo(string id, HttpRequest request, SimulatorState state)
    {
        var job = state.GetJob(id);
        return job is null
            ? Results.Json(JobJson.Error("not_found", $"Video {id} does not exist."), SimulatorJsonContext.Default.JsonObject, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(JobJson.Write(job, state.Time.GetUtcNow(), file => MediaUrl(state, job, file, MediaBase(request))), SimulatorJsonContext.Default.JsonObject);
    }

    private static IResult GetStyles() => Results.Json(new JsonObject
    {
        ["styles"] = new JsonArray([.. StyleCatalog.Styles.Select(s => new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["description"] = s.Description })]),
    }, SimulatorJsonContext.Default.JsonObject);

    private static IResult GetBalance(SimulatorState state) =>
        Results.Json(new JsonObject { ["balance"] = state.Balance(), ["unit"] = "credits" }, SimulatorJsonContext.Default.JsonObject);

    private static IResult GetMedia(string file, HttpRequest request, SimulatorState state)
    {
        var frame = file.EndsWith(JobJson.LastFrameSuffix, StringComparison.Ordinal);
        var id = frame ? file[..^JobJson.LastFrameSuffix.Length] : file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : null;
        if (id is null || state.GetJob(id) is not { } job || job.WillFail || job.FinishesAt > state.Time.GetUtcNow() || (frame && !job.ReturnLastFrame))
        {
            return Results.NotFound();
        }

        if (!long.TryParse(request.Query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !state.VerifySignature(job.Id, expires, request.Query["sig"])
            || expires < state.Time.GetUtcNow().ToUnixTimeSeconds())
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return frame ? Results.Bytes(LastFrame.Value, "image/png") : Results.Bytes(SampleVideo.Value, "video/mp4", enableRangeProcessing: true);
    }

    internal static string MediaBase(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>A signed, expiring link to <paramref name="file"/> of <paramref name="job"/> (the signature covers the job and the expiry).</summary>
    internal static string MediaUrl(SimulatorState state, SimulatorJob job, string file, string mediaBase)
    {
        var expires = (state.Time.GetUtcNow() + state.Options.MediaUrlLifetime).ToUnixTimeSeconds();
        return FormattableString.Invariant($"{mediaBase}/media/{file}?expires={expires}&sig={state.Sign(job.Id, expires)}");
    }

    private static byte[] Embedded(string name)
    {
        using var stream = typeof(SimulatorEndpoints).Assembly.GetManifestResourceStream("SeedanceBot.Simulator." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
