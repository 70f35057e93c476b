using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core;
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
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(CommandsPath, HandleCommandAsync);
        app.MapPost(InteractionsPath, HandleInteractionAsync);
    }

    private static async Task HandleCommandAsync(HttpContext context, SlackSignature signature, SlackRequestHandler handler, Core.Replicas.ServingLifetime serving, TimeProvider time, ILogger<SlackRequestHandler> logger)
    {
        if (await ReadVerifiedFormAsync(context, signature, logger, allowSslCheck: true) is not { } read)
        {
            return;
        }

        var (form, replayKey) = read;

        var command = SlashCommand.FromForm(form);
        await AnswerAsync(context, time, ack => handler.HandleCommandAsync(command, ack, serving.Token, replayKey));
    }

    private static async Task HandleInteractionAsync(HttpContext context, SlackSignature signature, SlackRequestHandler handler, Core.Replicas.ServingLifetime serving, TimeProvider time, ILogger<SlackRequestHandler> logger)
    {
        if (await ReadVerifiedFormAsync(context, signature, logger) is not { } read)
        {
            return;
        }

        var (form, replayKey) = read;

        InteractivePayload? payload;
        try
        {
            payload = form.TryGetValue("payload", out var json) ? JsonSerializer.Deserialize(json.ToString(), SlackJson.Info<InteractivePayload>()) : null;
        }
        catch (JsonException ex)
        {
            Log.MalformedPayload(logger, "interaction", ex.GetType().Name);
            payload = null;
        }

        if (payload is null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "the form has no payload field holding a JSON object");
            return;
        }

        await AnswerAsync(context, time, ack => handler.HandleInteractiveAsync(payload, ack, serving.Token, replayKey));
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
    /// The request's form and its replay key (its timestamp and signature) once the signature holds; null when the
    /// response is already written: 415 (not a form), 413 (too large), 401 (signature), 400 (not UTF-8, a field given
    /// twice), or the answer to Slack's certificate check (<c>ssl_check=1</c>, which may come unsigned: an empty 200).
    /// </summary>
    private static async Task<(Dictionary<string, string> Form, string ReplayKey)?> ReadVerifiedFormAsync(HttpContext context, SlackSignature signature, ILogger logger, bool allowSslCheck = false)
    {
        var request = context.Request;
        if (!request.HasFormContentType || !string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Slack sends application/x-www-form-urlencoded");
            return null;
        }

        if (request.ContentLength > MaxBodyBytes || await BoundedBody.ReadAsync(request.Body, MaxBodyBytes, context.RequestAborted) is not { } body)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        if (allowSslCheck && IsSslCheck(body))
        {
            return null;
        }

        var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
        var given = request.Headers["X-Slack-Signature"].ToString();
        var check = signature.Verify(timestamp, given, body);
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

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "the body is not UTF-8");
            return null;
        }

        var fields = QueryHelpers.ParseQuery(text);
        if (fields.FirstOrDefault(f => f.Value.Count > 1).Key is { } twice)
        {
            // Joining the values (as StringValues does) would turn "user_id=U1&user_id=<!channel>" into one id.
            Log.MalformedPayload(logger, request.Path, "field given twice: " + (twice.Length > 40 ? twice[..40] : twice));
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "a form field is given more than once");
            return null;
        }

        return (fields.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), "signature:" + timestamp + ":" + given);
    }

    private static async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason, context.RequestAborted);
    }

    /// <summary>Slack's certificate check (<c>ssl_check=1&amp;token=...</c>), told from the raw bytes: nothing else is read unverified.</summary>
    private static bool IsSslCheck(ReadOnlySpan<byte> body) =>
        (body.StartsWith("ssl_check="u8) || body.IndexOf("&ssl_check="u8) >= 0) && body.IndexOf("command="u8) < 0;
}
