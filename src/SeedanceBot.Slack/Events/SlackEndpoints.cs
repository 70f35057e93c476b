using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SeedanceBot.Slack.Contracts;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// HTTP mode: <c>POST /slack/commands</c> (slash commands, form-encoded) and <c>POST /slack/interactions</c> (buttons
/// and the /video form, a form field <c>payload</c> holding JSON). The signature is checked over the raw bytes before
/// anything is parsed (401 when missing, wrong or stale); then the same <see cref="SlackRequestHandler"/> as Socket Mode
/// answers, its acknowledgement becoming the response body, its later work continuing after the response.
/// </summary>
internal static class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string InteractionsPath = "/slack/interactions";
    private const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(CommandsPath, HandleCommandAsync);
        app.MapPost(InteractionsPath, HandleInteractionAsync);
    }

    private static async Task HandleCommandAsync(HttpContext context, SlackSignature signature, SlackRequestHandler handler, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<SlackRequestHandler> logger)
    {
        if (await ReadVerifiedFormAsync(context, signature, logger, allowSslCheck: true) is not { } form)
        {
            return;
        }

        var command = SlashCommand.FromForm(form);
        await AnswerAsync(context, time, ack => handler.HandleCommandAsync(command, ack, lifetime.ApplicationStopping));
    }

    private static async Task HandleInteractionAsync(HttpContext context, SlackSignature signature, SlackRequestHandler handler, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<SlackRequestHandler> logger)
    {
        if (await ReadVerifiedFormAsync(context, signature, logger) is not { } form)
        {
            return;
        }

        InteractivePayload? payload;
        try
        {
            payload = form.TryGetValue("payload", out var json) ? JsonSerializer.Deserialize<InteractivePayload>(json, SlackJson.Options) : null;
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await AnswerAsync(context, time, ack => handler.HandleInteractiveAsync(payload, ack, lifetime.ApplicationStopping));
    }

    /// <summary>Writes the handler's acknowledgement as the response; the handler's later work outlives the request.</summary>
    private static async Task AnswerAsync(HttpContext context, TimeProvider time, Func<Func<JsonObject?, Task>, Task> handle)
    {
        var answer = new TaskCompletionSource<JsonObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            sent.TrySetResult();
            return Task.CompletedTask;
        });
        var work = handle(payload =>
        {
            answer.TrySetResult(payload);
            return sent.Task;
        });
        // The handler answers within its budget; whatever happens, Slack gets its 200 before its 3 seconds run out.
        using var deadline = new CancellationTokenSource();
        var late = Task.Delay(SocketMode.SocketEnvelopeDispatcher.AckDeadline, time, deadline.Token);
        await Task.WhenAny(answer.Task, work, late);
        await deadline.CancelAsync();
        if (!answer.Task.IsCompleted)
        {
            // Returned without acknowledging, or too slow: an empty 200 is the acknowledgement.
            return;
        }

        if (await answer.Task is { } body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>
    /// The request's form once its signature holds; null when the response is already written (401, 413, or the answer
    /// to Slack's certificate check, <c>ssl_check=1</c>, which may come unsigned and is answered with an empty 200).
    /// </summary>
    private static async Task<Dictionary<string, string>?> ReadVerifiedFormAsync(HttpContext context, SlackSignature signature, ILogger logger, bool allowSslCheck = false)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var body = buffer.ToArray();
        if (allowSslCheck && IsSslCheck(body))
        {
            return null;
        }

        var check = signature.Verify(request.Headers["X-Slack-Request-Timestamp"].ToString(), request.Headers["X-Slack-Signature"].ToString(), body);
        if (check != SignatureCheck.Valid)
        {
            var reason = check switch
            {
                SignatureCheck.Stale => "stale request timestamp",
                SignatureCheck.Missing => "missing signature headers",
                _ => "signature mismatch",
            };
            Log.SignatureRejected(logger, request.Path, reason);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync(reason, context.RequestAborted);
            return null;
        }

        return QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Slack's certificate check (<c>ssl_check=1&amp;token=...</c>), told from the raw bytes: nothing else is read unverified.</summary>
    private static bool IsSslCheck(ReadOnlySpan<byte> body) =>
        (body.StartsWith("ssl_check="u8) || body.IndexOf("&ssl_check="u8) >= 0) && body.IndexOf("command="u8) < 0;
}
