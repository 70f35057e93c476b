using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c>: verifies the Ed25519 signature over timestamp + raw body (401 when missing, bad or
/// stale), refuses what is not an answerable interaction with 400 and answers a replay (an id already taken) with a
/// private "already handled", then hands the interaction to the same <see cref="InteractionHandler"/> the Gateway uses;
/// the handler's first answer becomes the HTTP response, and its later work (edits, follow-ups) continues after it.
/// </summary>
internal static class InteractionEndpoint
{
    public const string Path = "/discord/interactions";
    private const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, HandleAsync);

    private static async Task HandleAsync(
        HttpContext context,
        InteractionSignature signature,
        InteractionHandler handler,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        Core.Replicas.ServingLifetime serving,
        ILogger<InteractionHandler> logger)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var timestamp = request.Headers["X-Signature-Timestamp"].ToString();
        if (!signature.Verify(request.Headers["X-Signature-Ed25519"].ToString(), timestamp, body))
        {
            Log.SignatureRejected(logger, "missing or invalid signature");
            await Reject(context, "invalid request signature");
            return;
        }

        if (InteractionSignature.ParseTimestamp(timestamp) is not { } signedAt || (time.GetUtcNow() - signedAt).Duration() > options.Value.MaxTimestampAge)
        {
            Log.SignatureRejected(logger, "stale timestamp");
            await Reject(context, "stale request timestamp");
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJson.Info<Interaction>());
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            interaction = null;
        }

        var admission = interaction is null ? InteractionAdmission.Malformed : await handler.AdmitAsync(interaction, context.RequestAborted);
        if (admission == InteractionAdmission.Malformed)
        {
            if (interaction is null)
            {
                Log.InteractionMalformed(logger, "the body is not an interaction");
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("malformed interaction", context.RequestAborted);
            return;
        }

        if (admission == InteractionAdmission.Replay)
        {
            // Discord never sends an interaction twice: this is a replay. Answer harmlessly; act on nothing.
            await WriteAsync(context, InteractionHandler.ReplayAnswer);
            return;
        }

        var answer = new TaskCompletionSource<InteractionCallback>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            sent.TrySetResult();
            return Task.CompletedTask;
        });

        // The work outlives this request (edits after a deferred answer): it stops when the replica stops serving (after its
        // drain), not with the request nor at the host's first stop signal.
        var work = handler.HandleAsync(interaction!, callback =>
        {
            answer.TrySetResult(callback);
            return sent.Task;
        }, serving.Token);
        await Task.WhenAny(answer.Task, work);
        if (!answer.Task.IsCompleted)
        {
            // The handler answers everything it handles; only a stopping host leaves it unanswered.
            await work;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await WriteAsync(context, await answer.Task);
    }

    private static async Task WriteAsync(HttpContext context, InteractionCallback callback)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(DiscordJson.Serialize(callback), context.RequestAborted);
    }

    private static async Task Reject(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsync(reason, context.RequestAborted);
    }
}
