using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;

namespace SeedanceBot.Playground;

/// <summary>The page at <c>/</c> and its small API: send a command or a button click, read the chat, follow it live (server-sent events).</summary>
internal static class PlaygroundEndpoints
{
    public const string WorkspaceId = "local";
    public const string ChannelId = "playground";

    /// <summary>The longest command the page sends: /video's text limit and room for the command's name.</summary>
    public const int MaxCommandLength = VideoRequestParser.MaxTextLength + 100;

    /// <summary>Enough for the longest command even with every character escaped in JSON (\uXXXX).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A command with input images (base64 in the body): room for the images the providers take in one video.</summary>
    public const int MaxBodyBytesWithImages = 64 * 1024 * 1024;


    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(PlaygroundEndpoints).Assembly.GetManifestResourceStream("SeedanceBot.Playground.index.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", static (IOptions<PlaygroundOptions> options) =>
            Results.Content(Page.Value.Replace("{{BANNER}}", System.Net.WebUtility.HtmlEncode(options.Value.Banner ?? string.Empty), StringComparison.Ordinal), "text/html; charset=utf-8"));
        app.MapGet("/playground/api/messages", static (string? user, PlaygroundChat chat) =>
            Results.Json(chat.Snapshot().Where(m => m.ForUser is null || m.ForUser == user), PlaygroundJson.Info<IEnumerable<PlaygroundMessage>>()));
        app.MapPost("/playground/api/commands", SendAsync);
        app.MapPost("/playground/api/actions", ActAsync);
        app.MapGet("/playground/api/events", StreamAsync);
        app.MapGet("/playground/api/files/{id}/{name}", static (string id, PlaygroundChat chat) =>
            chat.File(id) is { } file ? Results.File(file.Content.ToArray(), file.ContentType, file.FileName) : Results.NotFound());
    }

    /// <summary>
    /// POST a command as <c>{"text": "/help", "user": "you"}</c>. Whatever the body, a mistake gets a 4xx with
    /// <c>{"error": "..."}</c> saying what to send, never a 5xx: not JSON (415), too big (413), broken JSON or a field of
    /// the wrong type, no command, a user name that is not allowed (400).
    /// </summary>
    private static async Task<IResult> SendAsync(HttpContext context, PlaygroundChat chat, CommandRouter router, IOptions<PlaygroundOptions> options, CancellationToken cancellationToken)
    {
        // Images travel base64 in the body, so it may be larger than the server's default limit.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytesWithImages;
        }

        var (input, body, refusal) = await ReadJsonAsync<CommandInput>(
            context.Request,
            MaxBodyBytesWithImages,
            string.Create(CultureInfo.InvariantCulture, $"The body is larger than {MaxBodyBytesWithImages / 1024 / 1024} MB; attach fewer or smaller images."),
            "the command",
            """{"text": "/help", "user": "you"}""",
            "with both values as strings",
            cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (body!.Length > MaxBodyBytes && input?.Images is not { Count: > 0 })
        {
            return Error(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"The body is larger than {MaxBodyBytes / 1024} KB; a command has at most {MaxCommandLength:N0} characters."));
        }

        var text = input?.Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, """The body needs "text", the command, e.g. {"text": "/help"}.""");
        }

        if (text.Length > MaxCommandLength)
        {
            return Error(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture, $"The command has {text.Length:N0} characters; the playground takes at most {MaxCommandLength:N0}."));
        }

        if (!text.StartsWith('/'))
        {
            return Error(StatusCodes.Status400BadRequest, "Commands start with / — try /help or /video a fox in the snow.");
        }

        var (user, refused) = PlaygroundUserNames.Check(input!.User);
        if (user is null)
        {
            return Error(StatusCodes.Status400BadRequest, refused!);
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? text[1..] : text[1..space];
        var argument = space < 0 ? string.Empty : text[(space + 1)..];
        var (images, imageProblem) = PlaygroundImages.Read(input.Images, name);
        if (imageProblem is not null)
        {
            return Error(StatusCodes.Status400BadRequest, imageProblem);
        }

        var typed = chat.AddFromPerson(user, text + PlaygroundImages.Describe(images));
        var command = new ChatCommand(name, new ChatOrigin(PlaygroundPlatform.PlatformName, WorkspaceId, ChannelId), new ChatUser(user, user, IsPlatformAdmin: options.Value.EveryoneIsAdmin), argument)
        {
            Images = images,
        };
        var reply = await router.HandleAsync(command, cancellationToken);
        var replyMessage = reply.Message is { } message ? chat.UpsertFromBot("reply:" + typed.Id, message, user) : null;
        return Results.Json(new CommandAnswer(typed, replyMessage, reply.JobId), PlaygroundJson.Info<CommandAnswer>());
    }

    /// <summary>
    /// POST a click on a result's button as <c>{"action": "continue", "job": "...", "user": "you", "prompt": "..."}</c>
    /// (<c>prompt</c>, the next shot, only for Continue). Core decides from the stored job, as on Discord and Slack; the
    /// answer is shown like a command's. Mistakes in the body get a 4xx with <c>{"error": "..."}</c>.
    /// </summary>
    private static async Task<IResult> ActAsync(HttpContext context, PlaygroundChat chat, JobActions actions, IOptions<PlaygroundOptions> options, CancellationToken cancellationToken)
    {
        var (input, _, refusal) = await ReadJsonAsync<ActionInput>(
            context.Request,
            MaxBodyBytes,
            string.Create(CultureInfo.InvariantCulture, $"The body is larger than {MaxBodyBytes / 1024} KB."),
            "the click",
            """{"action": "reroll", "job": "...", "user": "you"}""",
            "with every value a string",
            cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (input?.Action is not { Length: > 0 and <= 32 } action || input.Job is not { Length: > 0 and <= 64 } job)
        {
            return Error(StatusCodes.Status400BadRequest, """The body needs "action" (continue, reroll, fresh_link or delete) and "job", the job's id.""");
        }

        if (input.Prompt is { Length: > MaxCommandLength })
        {
            return Error(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture, $"The prompt has {input.Prompt.Length:N0} characters; the playground takes at most {MaxCommandLength:N0}."));
        }

        var (user, refused) = PlaygroundUserNames.Check(input.User);
        if (user is null)
        {
            return Error(StatusCodes.Status400BadRequest, refused!);
        }

        var origin = new ChatOrigin(PlaygroundPlatform.PlatformName, WorkspaceId, ChannelId);
        var caller = new ChatUser(user, user, IsPlatformAdmin: options.Value.EveryoneIsAdmin);
        var isContinue = action == ChatAction.Continue;
        var typed = chat.AddFromPerson(user, isContinue ? $"Continue job {job}: {input.Prompt}" : $"[{action}] job {job}");
        CommandReply reply;
        if (isContinue)
        {
            reply = await actions.ContinueAsync(job, input.Prompt ?? string.Empty, origin, caller, null, cancellationToken);
        }
        else
        {
            var outcome = await actions.HandleAsync(action, job, origin, caller, null, cancellationToken);
            reply = outcome.Reply;
            if (outcome.DeleteMessage && chat.Contains(PlaygroundPlatform.ResultId(job)))
            {
                chat.UpsertFromBot(PlaygroundPlatform.ResultId(job), new ChatMessage { Text = $"{user} deleted the video of job {job}." }, null);
            }
        }

        var replyMessage = reply.Message is { } message ? chat.UpsertFromBot("reply:" + typed.Id, message, user) : null;
        return Results.Json(new CommandAnswer(typed, replyMessage, reply.JobId), PlaygroundJson.Info<CommandAnswer>());
    }

    /// <summary>
    /// A JSON body as <typeparamref name="T"/> (and its bytes), or the 4xx that says what to send instead: not JSON
    /// (415), larger than <paramref name="maxBytes"/> (413, <paramref name="tooLarge"/>), or not valid JSON for it (400,
    /// with the position).
    /// </summary>
    private static async Task<(T? Value, byte[]? Body, IResult? Refusal)> ReadJsonAsync<T>(HttpRequest request, int maxBytes, string tooLarge, string what, string example, string shape, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, null, Error(StatusCodes.Status415UnsupportedMediaType, $"Send {what} as JSON (Content-Type: application/json), e.g. {example}."));
        }

        var body = await ReadBodyAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, null, Error(StatusCodes.Status413PayloadTooLarge, tooLarge));
        }

        try
        {
            return (JsonSerializer.Deserialize(body, PlaygroundJson.Info<T>()), body, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return (null, body, Error(StatusCodes.Status400BadRequest, $"The body is not valid JSON{where}; send {example} {shape}."));
        }
    }

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorAnswer(message), PlaygroundJson.Info<ErrorAnswer>(), statusCode: status);

    private static async Task StreamAsync(HttpContext context, PlaygroundChat chat, string? user)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var reader = chat.Subscribe(context.RequestAborted);
        await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var message in reader.ReadAllAsync(context.RequestAborted))
            {
                if (message.ForUser is not null && message.ForUser != user)
                {
                    continue;
                }

                await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(message, PlaygroundJson.Info<PlaygroundMessage>()) + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    /// <summary>The body of a command; <see cref="Images"/> only with /video.</summary>
    internal sealed record CommandInput(string? Text, string? User, IReadOnlyList<ImageInput>? Images = null);

    /// <summary>A click on a result's button; <see cref="Prompt"/> is the next shot of a Continue.</summary>
    internal sealed record ActionInput(string? Action, string? Job, string? User, string? Prompt = null);

    /// <summary>An attached or pasted image: its role (<c>first_frame</c>, <c>last_frame</c>, <c>reference</c>), file name and bytes in base64.</summary>
    internal sealed record ImageInput(string? Role, string? Name, string? Data);
}
