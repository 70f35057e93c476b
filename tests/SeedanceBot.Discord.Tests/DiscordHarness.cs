using Microsoft.AspNetCore.Builder;
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
    private DiscordHarness(FakeDiscord discord, FakeTimeProvider time)
        : base(time) => Discord = discord;

    public FakeDiscord Discord { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> PlatformSettings => new Dictionary<string, string?>
    {
        ["Discord:Token"] = FakeDiscord.BotToken,
        ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
        ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.ToString(),
    };

    public static async Task<DiscordHarness> StartAsync(Dictionary<string, string?>? settings = null, bool web = false)
    {
        var time = FakeClock.Create();
        var harness = new DiscordHarness(await FakeDiscord.StartAsync(time), time);
        await harness.BuildAsync(settings ?? [], web);
        return harness;
    }

    protected override void AddAdapter(WebApplicationBuilder builder) => builder.AddDiscord();

    protected override void MapAdapter(WebApplication app) => app.MapDiscord();

    protected override ValueTask DisposeFakeAsync() => Discord.DisposeAsync();
}
