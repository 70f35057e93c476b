using SeedanceBot.Slack.Adapter;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SeedanceBot.Slack.Tests.SocketMode;
using SeedanceBot.Testing.Hosting;
using SeedanceBot.Testing.Slack;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Slack.Tests;

/// <summary>
/// The Slack adapter as AddSlack wires it, pointed at a <see cref="FakeSlack"/> (see <see cref="AdapterHarness"/>), its
/// Socket Mode connections noted as they are used. Hosted services (Socket Mode) run only when started.
/// </summary>
internal sealed class SlackHarness : AdapterHarness
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private SlackHarness(FakeSlack slack, FakeTimeProvider time)
        : base(time)
    {
        Slack = slack;
        Connections = new RecordingConnectionFactory(time);
    }

    public FakeSlack Slack { get; }

    /// <summary>The Socket Mode connections the bot makes (real WebSockets), noting what it sent and when.</summary>
    public RecordingConnectionFactory Connections { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> PlatformSettings => new Dictionary<string, string?>
    {
        ["Slack:BotToken"] = FakeSlack.BotToken,
        ["Slack:AppToken"] = FakeSlack.AppToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
        ["Slack:ExtraFileHosts:0"] = Slack.FilesHost,
    };

    private bool _knowUsers;

    protected override LogLevel MinimumLogLevel => LogLevel.Debug;

    /// <param name="settings">Configuration on top of the fake's tokens and URL.</param>
    /// <param name="start">Start the host: the web endpoints and, in Socket Mode, the Socket Mode client.</param>
    /// <param name="arrange">Prepares the fake before the bot first talks to it.</param>
    /// <param name="knowUsers">Look the users up first (<see cref="KnowUsersAsync"/>), as for people the bot has seen before.</param>
    public static async Task<SlackHarness> StartAsync(Dictionary<string, string?>? settings = null, bool start = false, Action<FakeSlack>? arrange = null, bool knowUsers = true)
    {
        var time = FakeClock.Create();
        var slack = await FakeSlack.StartAsync(time);
        arrange?.Invoke(slack);
        var harness = new SlackHarness(slack, time) { _knowUsers = knowUsers };
        await harness.BuildAsync(settings ?? [], start);
        return harness;
    }

    /// <summary>
    /// Has the bot look up the fake's users and the usual test users, as a running bot has for people it has seen:
    /// their admin flags are then answered from the cache, before the acknowledgement. Tests of a first contact start
    /// with <c>knowUsers: false</c>.
    /// </summary>
    protected override Task BeforeStartAsync() => _knowUsers ? KnowUsersAsync() : Task.CompletedTask;

    public async Task KnowUsersAsync()
    {
        var admins = Get<SlackAdmins>();
        string[] users;
        lock (Slack.Users)
        {
            users = [.. Slack.Users.Keys.Union(["U0USER", "U0BOB", "U0BOSS"])];
        }

        foreach (var user in users)
        {
            await Time.DriveAsync(admins.IsAdminAsync(user, CancellationToken.None), TimeSpan.FromMilliseconds(100));
        }

        // Those lookups are the bot's past, not what the test does.
        Slack.Requests.Clear();
    }

    protected override void AddAdapter(WebApplicationBuilder builder)
    {
        builder.AddSlack();
        builder.Services.Replace(ServiceDescriptor.Singleton<SeedanceBot.Slack.SocketMode.ISocketModeConnectionFactory>(Connections));
    }

    protected override void MapAdapter(WebApplication app) => app.MapSlack();

    protected override ValueTask DisposeFakeAsync() => Slack.DisposeAsync();
}
