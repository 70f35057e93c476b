using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;

namespace SeedanceBot.Playground;

/// <summary>The page at <c>/</c> and its small API: send a command, read the chat, follow it live (server-sent events).</summary>
internal static class PlaygroundEndpoints
{
    public const string WorkspaceId = "local";
    public const string ChannelId = "playground";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

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
            Results.Json(chat.Snapshot().Where(m => m.ForUser is null || m.ForUser == user), Json));
        app.MapPost("/playground/api/commands", SendAsync);
        app.MapGet("/playground/api/events", StreamAsync);
    }

    private static async Task<IResult> SendAsync(CommandInput input, PlaygroundChat chat, CommandRouter router, IOptions<PlaygroundOptions> options, CancellationToken cancellationToken)
    {
        var text = input.Text?.Trim() ?? string.Empty;
        var user = string.IsNullOrWhiteSpace(input.User) ? "you" : input.User.Trim();
        if (!text.StartsWith('/'))
        {
            return Results.BadRequest(new { error = "Commands start with / — try /help or /video a fox in the snow." });
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? text[1..] : text[1..space];
        var argument = space < 0 ? string.Empty : text[(space + 1)..];
        var typed = chat.Upsert("cmd:" + Guid.NewGuid().ToString("N"), user, new ChatMessage { Text = text }, null);
        var command = new ChatCommand(name, new ChatOrigin(PlaygroundPlatform.PlatformName, WorkspaceId, ChannelId), new ChatUser(user, user, IsPlatformAdmin: options.Value.EveryoneIsAdmin), argument);
        var reply = await router.HandleAsync(command, cancellationToken);
        var replyMessage = reply.Message is { } message ? chat.Upsert("reply:" + typed.Id, PlaygroundPlatform.BotAuthor, message, user) : null;
        return Results.Json(new { command = typed, reply = replyMessage, jobId = reply.JobId }, Json);
    }

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

                await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(message, Json) + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    internal sealed record CommandInput(string? Text, string? User);
}
