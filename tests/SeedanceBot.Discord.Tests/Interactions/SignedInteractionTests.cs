using System.Text.Json.Nodes;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>A bot in Http mode against the fake Discord, and helpers to send it signed interactions.</summary>
public abstract class SignedInteractionTests : IAsyncLifetime
{
    protected const string Alice = "1100000000000000111";
    protected const string Bob = "1100000000000000222";
    protected const string Channel = "1200000000000000222";
    protected const string Guild = "1200000000000000000";
    private readonly SignedInteractions _signer = new();

    internal DiscordHarness Harness { get; private set; } = null!;

    protected FakeDiscord Discord => Harness.Discord;

    public async ValueTask InitializeAsync() => Harness = await DiscordHarness.StartAsync(_signer.HttpModeSettings, web: true);

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        _signer.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<JsonNode> SendAsync(JsonObject interaction)
    {
        try
        {
            return await _signer.PostAsync(Harness.Http, Harness.Time, interaction).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("no answer; " + Trace(), ex);
        }
    }

    /// <summary>Sends while the clock moves in <paramref name="step"/>s (a slow API).</summary>
    protected Task<JsonNode> SendDrivenAsync(JsonObject interaction, TimeSpan step) => Harness.Time.DriveAsync(SendAsync(interaction), step);

    protected Task<HttpResponseMessage> PostRawAsync(string body) => _signer.PostRawAsync(Harness.Http, Harness.Time, body);

    /// <summary>Waits (driving the clock) until <paramref name="condition"/> holds, with the bot's log on failure.</summary>
    protected async Task WaitUntilAsync(Func<bool> condition, TimeSpan? step = null)
    {
        try
        {
            await Harness.Time.DriveAsync(FakeDiscord.WaitUntilAsync(condition), step ?? TimeSpan.FromMilliseconds(500));
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException("condition not met; " + Trace(), ex);
        }
    }

    /// <summary>Runs the stored jobs to their delivery.</summary>
    protected async Task DeliverAllAsync()
    {
        await Harness.RunJobsAsync();
        Harness.Time.Advance(Harness.Provider.GenerationTime + TimeSpan.FromMinutes(1));
        await Harness.RunJobsAsync();
        Assert.All(Harness.Store.All, j => Assert.Equal(DeliveryState.Delivered, j.Delivery));
    }

    protected string Trace() => "log:\n" + Harness.Logs.AllText + "\nrequests:\n" + string.Join("\n", Discord.Requests.Select(r => r.Method + " " + r.Path));

    internal static JsonObject Command(string name, params JsonObject[] options) =>
        new() { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray([.. options]) };

    internal static JsonObject Option(string name, int type, JsonNode value, bool focused = false)
    {
        var option = new JsonObject { ["name"] = name, ["type"] = type, ["value"] = value };
        if (focused)
        {
            option["focused"] = true;
        }

        return option;
    }
}
