using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Collections;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// Checks the bot's HTTP-mode answers where they leave the bot: Discord interaction responses returned as the body of
/// <c>POST /discord/interactions</c>, and Slack acknowledgements returned by <c>POST /slack/commands</c> and
/// <c>POST /slack/interactions</c>. Registered as the outermost middleware (an <see cref="IStartupFilter"/>) of every
/// test host that serves those endpoints (<see cref="Hosting.AdapterHarness"/>, the whole-host tests' BotHost), so every
/// answer any test receives is checked; the host's owner fails the test at dispose on an unexpected violation.
/// </summary>
public sealed class AnswerConformance : IStartupFilter
{
    public const string DiscordPath = "/discord/interactions";
    public const string SlackCommandsPath = "/slack/commands";
    public const string SlackInteractionsPath = "/slack/interactions";

    private readonly SnapshotList<PayloadViolation> _violations = new();
    private int _checked;

    /// <summary>Every rule the answers broke, known ones included (see <see cref="KnownViolations"/>).</summary>
    public IReadOnlyList<PayloadViolation> Violations => _violations.Snapshot();

    /// <summary>How many answers were checked.</summary>
    public int Checked => Volatile.Read(ref _checked);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CheckAsync);
        next(app);
    };

    /// <summary>Fails with every unexpected violation so far.</summary>
    public void ThrowIfUnexpected() => KnownViolations.ThrowIfUnexpected("Discord or Slack (as HTTP answers)", Violations);

    private async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is not (DiscordPath or SlackCommandsPath or SlackInteractionsPath) || !HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        string? interactionType = null;
        if (path == SlackInteractionsPath)
        {
            context.Request.EnableBuffering();
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
            {
                interactionType = SlackConformance.InteractionTypeOf(await reader.ReadToEndAsync(context.RequestAborted));
            }

            context.Request.Body.Position = 0;
        }

        // Both endpoints write their answer once and return: holding it until then changes no timing.
        var original = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = answer.ToArray();
        var status = context.Response.StatusCode;
        IReadOnlyList<PayloadViolation> violations = path == DiscordPath
            ? status >= 500
                ? [new PayloadViolation(DiscordConformance.HttpResponseRoute, string.Empty, $"HTTP {status}: Discord shows \"This interaction failed\"; bad input gets a friendly answer, never a 5xx")]
                : status == 200 ? DiscordConformance.CheckInteractionResponse(context.Response.ContentType, body) : []
            : SlackConformance.CheckHttpAck(path, interactionType, status, context.Response.ContentType, body);
        Interlocked.Increment(ref _checked);
        foreach (var violation in violations)
        {
            _violations.Add(violation);
        }

        await original.WriteAsync(body, context.RequestAborted);
    }
}
