using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Hosting;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests;

/// <summary>
/// The Discord adapter as AddDiscord wires it, pointed at a <see cref="FakeDiscord"/> (see <see cref="AdapterHarness"/>).
/// Started as a web host (for the HTTP interactions endpoint) only when asked: otherwise tests run the Gateway and the
/// engine themselves.
/// </summary>
internal sealed class DiscordHarness : AdapterHarness
{
    private readonly bool _ownsDiscord;
    private readonly Action<WebApplicationBuilder>? _configure;

    private DiscordHarness(FakeDiscord discord, FakeTimeProvider time, bool ownsDiscord = true, Action<WebApplicationBuilder>? configure = null)
        : base(time)
    {
        Discord = discord;
        _ownsDiscord = ownsDiscord;
        _configure = configure;
    }

    public FakeDiscord Discord { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> PlatformSettings => new Dictionary<string, string?>
    {
        ["Discord:Token"] = FakeDiscord.BotToken,
        ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.ToString(),
        ["Discord:ExtraAttachmentHosts:0"] = Discord.CdnHost,
    };

    public static async Task<DiscordHarness> StartAsync(Dictionary<string, string?>? settings = null, bool web = false)
    {
        var time = FakeClock.Create();
        var harness = new DiscordHarness(await FakeDiscord.StartAsync(time), time);
        await harness.BuildAsync(settings ?? [], web);
        return harness;
    }

    /// <summary>
    /// One replica among several: a started host on a <paramref name="discord"/> and <paramref name="time"/> the test
    /// shares between replicas (and disposes itself), with <paramref name="configure"/> run after the harness's own
    /// registrations (a shared store).
    /// </summary>
    public static async Task<DiscordHarness> StartReplicaAsync(FakeDiscord discord, FakeTimeProvider time, Dictionary<string, string?> settings, Action<WebApplicationBuilder> configure)
    {
        var harness = new DiscordHarness(discord, time, ownsDiscord: false, configure);
        await harness.BuildAsync(settings, start: true);
        return harness;
    }

    protected override void AddAdapter(WebApplicationBuilder builder) => builder.AddDiscord();

    protected override void ConfigureServices(WebApplicationBuilder builder) => _configure?.Invoke(builder);

    protected override void MapAdapter(WebApplication app)
    {
        // Discord takes the HTTP response body as the interaction's answer: hand it to the fake before the bot goes on.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path != "/discord/interactions")
            {
                await next(context);
                return;
            }

            context.Request.EnableBuffering();
            var request = await JsonNodeOrNullAsync(context.Request.Body);
            context.Request.Body.Position = 0;
            var body = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
            }

            buffer.Position = 0;
            if (context.Response.StatusCode == 200 && request?["id"] is JsonValue id && request["token"] is JsonValue token
                && await JsonNodeOrNullAsync(buffer) is JsonObject callback)
            {
                Discord.AcceptCallback(id.ToString(), token.ToString(), callback);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(body);
        });
        app.MapDiscord();
    }

    private static async Task<JsonNode?> JsonNodeOrNullAsync(Stream stream)
    {
        try
        {
            return await JsonNode.ParseAsync(stream);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override ValueTask DisposeFakeAsync() => _ownsDiscord ? Discord.DisposeAsync() : ValueTask.CompletedTask;
}
