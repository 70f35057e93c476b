using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SeedanceBot.Testing.Collections;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Testing.Slack;

/// <summary>
/// A fake Slack written from ../shared/specs/slack.md: the Web API methods the bot uses under <c>/api/{method}</c>
/// (Bearer auth with the bot token, or the app token for <c>apps.connections.open</c>; 429s and <c>ok:false</c> on
/// demand; channels the bot is not in), the three-step file upload, response_urls (30 minutes on the given clock,
/// 5 uses), trigger_ids (3 seconds, single use) and Socket Mode over a real WebSocket at <c>/link/</c>.
/// Kestrel on 127.0.0.1, port 0.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string BotToken = FakeSlackTokens.BotPrefix + "1-fake-bot-token";
    public const string AppToken = FakeSlackTokens.AppPrefix + "1-A111-fake-app-token";
    public const string TeamId = "T0001";
    public const string AppId = "A111";
    public const string BotUserId = "U0BOT";
    public const string BotId = "B0BOT";

    /// <summary>The deprecated verification token Slack still puts in payloads; the bot must not rely on it.</summary>
    public const string VerificationToken = "fake-verification-token";

    public const int ResponseUrlUses = 5;
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan TriggerLifetime = TimeSpan.FromSeconds(3);

    private static readonly HashSet<string> KnownMethods =
    [
        "apps.connections.open", "chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral",
        "files.getUploadURLExternal", "files.completeUploadExternal", "files.delete", "users.info",
        "conversations.join", "conversations.open", "conversations.replies", "views.open",
    ];

    /// <summary>Methods that read only the query string or a form body (spec §0, §4): a JSON body is refused.</summary>
    private static readonly HashSet<string> FormOnlyMethods = ["files.getUploadURLExternal", "users.info", "conversations.replies"];

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<int>> _rateLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingUpload> _pendingUploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TriggerState> _triggers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResponseUrlState> _responseUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _tickets = new(StringComparer.Ordinal);
    private readonly Channel<FakeSocketSession> _sessions = Channel.CreateUnbounded<FakeSocketSession>();
    private long _tsCounter;
    private long _numbers;
    private int _connectionsOpened;
    private readonly ConcurrentDictionary<string, (string MimeType, byte[] Content)> _userFiles = new();
    private int _fileDownloads;
    private int _unauthorizedFileDownloads;
    private readonly SnapshotList<FakeSocketSession> _socketSessions = new();
    private readonly SnapshotList<JsonObject> _ephemerals = new();
    private readonly SnapshotList<JsonObject> _openedViews = new();
    private readonly SnapshotList<FakeSlackResponse> _responses = new();
    private readonly SnapshotList<PayloadViolation> _violations = new();

    private FakeSlack(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The Web API base to configure as the Slack API URL; methods live at <c>{ApiBaseUrl}/chat.postMessage</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api");

    /// <summary>Every request received (Web API, uploads, response_url posts), in order.</summary>
    public ConcurrentQueue<FakeSlackRequest> Requests { get; } = new();

    /// <summary>Messages currently in channels, by ts.</summary>
    public ConcurrentDictionary<string, FakeSlackMessage> Messages { get; } = new();

    /// <summary>Uploaded files, by file id.</summary>
    public ConcurrentDictionary<string, FakeSlackFile> Files { get; } = new();

    /// <summary>Successful posts to response_urls, in order.</summary>
    public IReadOnlyList<FakeSlackResponse> Responses => _responses.Snapshot();

    /// <summary>The <c>view</c> objects passed to <c>views.open</c>, in order.</summary>
    public IReadOnlyList<JsonObject> OpenedViews => _openedViews.Snapshot();

    /// <summary>The bodies of <c>chat.postEphemeral</c> calls, in order.</summary>
    public IReadOnlyList<JsonObject> Ephemerals => _ephemerals.Snapshot();

    /// <summary>
    /// Channels the bot is not a member of: posting, sharing a file or reading a thread there answers
    /// <c>not_in_channel</c>. <c>conversations.join</c> removes a public (C…) channel; DMs (D…) are always open.
    /// </summary>
    public HashSet<string> ChannelsWithoutBot { get; } = [];

    /// <summary>
    /// Public channels the bot is not in but may still post messages to (scope <c>chat:write.public</c>): chat.postMessage
    /// works there, while sharing a file still needs membership (spec §4).
    /// </summary>
    public HashSet<string> PostableWithoutMembership { get; } = [];

    /// <summary>What <c>users.info</c> knows, by user id; anyone else is <c>user_not_found</c>.</summary>
    public Dictionary<string, FakeSlackUser> Users { get; } = [];

    /// <summary>While set, <c>users.info</c> calls are received (and recorded) but answered only once it completes.</summary>
    public TaskCompletionSource? HoldUsersInfo { get; set; }

    /// <summary>Send <c>hello</c> as soon as a socket connects. Off: the test sends it (or never does).</summary>
    public bool AutoHello { get; set; } = true;

    /// <summary>Successful <c>apps.connections.open</c> calls.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <summary>Every Socket Mode connection, in order.</summary>
    public IReadOnlyList<FakeSocketSession> SocketSessions => _socketSessions.Snapshot();

    /// <summary>
    /// Every rule the bot's payloads broke (<see cref="SlackConformance"/>: Block Kit and the documented limits) in Web
    /// API calls, response_url posts and Socket Mode acknowledgements, known ones included. A call with an unexpected
    /// violation is answered as Slack does (<c>ok:false</c> with <c>invalid_blocks</c>, <c>msg_too_long</c> or
    /// <c>invalid_arguments</c>; a response_url post with HTTP 400), and disposing the fake then fails the test.
    /// </summary>
    public IReadOnlyList<PayloadViolation> Violations => _violations.Snapshot();

    /// <summary>
    /// Check Web API calls and response_url posts (<see cref="SlackConformance"/>). Off only for timing runs in one
    /// process with the bot (the check's cost is Slack's, on its own machines); every test keeps it on.
    /// </summary>
    public bool CheckPayloads { get; set; } = true;

    public static async Task<FakeSlack> StartAsync(TimeProvider time)
    {
        var app = LoopbackServer.Create();
        var fake = new FakeSlack(app, time);
        app.UseWebSockets();
        app.Map("/link", fake.AcceptSocketAsync);
        app.Map("/api/{method}", fake.HandleApiAsync);
        app.Map("/upload/v1/{fileId}", fake.HandleUploadAsync);
        app.Map("/commands/{**rest}", fake.HandleResponseUrlAsync);
        app.MapGet("/files-pri/{teamAndFile}/download/{name}", fake.ServeUserFileAsync);
        app.Map("/actions/{**rest}", fake.HandleResponseUrlAsync);
        fake.BaseAddress = await LoopbackServer.StartAsync(app);
        return fake;
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> answer HTTP 429 with
    /// <c>Retry-After: <paramref name="retryAfterSeconds"/></c>. Besides Web API methods, "upload" and "response_url"
    /// name the upload POST and response_url posts.
    /// </summary>
    public void RateLimitNext(string method, int times, int retryAfterSeconds)
    {
        lock (_gate)
        {
            var queue = _rateLimits.TryGetValue(method, out var q) ? q : _rateLimits[method] = new Queue<int>();
            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(retryAfterSeconds);
            }
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> answer 200 <c>{"ok":false,"error":…}</c>.
    /// For "upload" and "response_url" the answer is HTTP 500 with <paramref name="error"/> as the body.
    /// </summary>
    public void FailNext(string method, string error, int times = 1)
    {
        lock (_gate)
        {
            var queue = _failures.TryGetValue(method, out var q) ? q : _failures[method] = new Queue<string>();
            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    /// <summary>Waits (in real time) for the next Socket Mode connection, after its <c>hello</c> when <see cref="AutoHello"/> is on.</summary>
    public async Task<FakeSocketSession> NextSocketSessionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _sessions.Reader.ReadAsync(cts.Token);
    }

    /// <summary>
    /// The <c>slash_commands</c> payload Slack sends (every field a string, spec §3), with a fresh response_url
    /// (30 minutes on the fake clock, 5 uses) and a fresh trigger_id (3 seconds, single use).
    /// </summary>
    public JsonObject NewSlashCommand(string command, string text, string channelId = "C0CHAN", string userId = "U0USER") => new()
    {
        ["token"] = VerificationToken,
        ["team_id"] = TeamId,
        ["team_domain"] = "fake-team",
        ["channel_id"] = channelId,
        ["channel_name"] = ChannelName(channelId),
        ["user_id"] = userId,
        ["user_name"] = UserName(userId),
        ["command"] = command,
        ["text"] = text,
        ["api_app_id"] = AppId,
        ["is_enterprise_install"] = "false",
        ["response_url"] = NewResponseUrl(channelId, userId),
        ["trigger_id"] = NewTriggerId(),
    };

    /// <summary>A slash-command response_url on this fake (<c>/commands/…</c>), valid 30 minutes on the fake clock, 5 uses.</summary>
    public string NewResponseUrl(string channelId, string userId) => IssueResponseUrl("commands", channelId, userId);

    /// <summary>A trigger_id for <c>views.open</c>, valid 3 seconds on the fake clock, single use.</summary>
    public string NewTriggerId()
    {
        var now = _time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{NextNumber()}.{now.ToUnixTimeSeconds()}.{Guid.NewGuid():N}");
        lock (_gate)
        {
            _triggers[id] = new TriggerState(now, Used: false);
        }

        return id;
    }

    /// <summary>A <c>view_submission</c> payload of <paramref name="view"/> (as the bot opened it: its callback id and metadata) with the given <c>state.values</c>.</summary>
    public static JsonObject NewViewSubmission(JsonObject view, JsonObject values, string userId = "U0USER") => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = TeamId },
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "alice", ["name"] = "alice" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0FORM",
            ["callback_id"] = (string?)view?["callback_id"],
            ["private_metadata"] = (string?)view?["private_metadata"],
            ["state"] = new JsonObject { ["values"] = values },
        },
    };

    /// <summary>A text input's submitted value in <c>state.values</c>, under the bot's action id <c>value</c>.</summary>
    public static JsonObject TextValue(string value) => new() { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    /// <summary>
    /// A <c>block_actions</c> payload (spec §6) for a click on the button <paramref name="actionId"/> of the message at
    /// <paramref name="messageTs"/>, with a fresh response_url (<c>/actions/…</c>) and trigger_id. The block id and
    /// button text come from the stored message when it holds that button.
    /// </summary>
    public JsonObject NewBlockActions(string actionId, string value, string channelId, string messageTs, string userId = "U0USER")
    {
        var stored = Messages.TryGetValue(messageTs, out var found) && found.Channel == channelId ? found : null;
        var button = stored?.Blocks?
            .SelectMany(b => (b?["elements"] as JsonArray ?? []).Append(b?["accessory"]).Select(e => (Block: b, Element: e)))
            .FirstOrDefault(x => x.Element is JsonObject e && (string?)e["action_id"] == actionId);
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = UserName(userId), ["name"] = UserName(userId), ["team_id"] = TeamId },
            ["api_app_id"] = AppId,
            ["token"] = VerificationToken,
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channelId, ["is_ephemeral"] = false },
            ["trigger_id"] = NewTriggerId(),
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = "fake-team" },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = ChannelName(channelId) },
            ["message"] = stored is null ? new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = string.Empty } : ToWire(stored),
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["response_url"] = IssueResponseUrl("actions", channelId, userId),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = (string?)button?.Block?["block_id"] ?? "fake-block",
                ["text"] = button?.Element?["text"]?.DeepClone() ?? new JsonObject { ["type"] = "plain_text", ["text"] = "Button", ["emoji"] = true },
                ["value"] = value,
                ["type"] = "button",
                ["action_ts"] = NewTs(),
            }),
        };
    }

    /// <summary>The fake's <c>host:port</c>, where it serves users' files: the bot's <c>Slack:ExtraFileHosts</c> in tests.</summary>
    public string FilesHost => BaseAddress.Authority;

    /// <summary>Downloads of users' files the fake served with the bot token, and those refused without it.</summary>
    public int FileDownloads => Volatile.Read(ref _fileDownloads);

    public int UnauthorizedFileDownloads => Volatile.Read(ref _unauthorizedFileDownloads);

    /// <summary>
    /// A file a user put in a <c>file_input</c>, as <c>view.state.values[block][action].files[]</c> carries it; its
    /// <c>url_private_download</c> is served only with <c>Authorization: Bearer</c> and the bot token (without it, as
    /// Slack does, a 200 sign-in page). <paramref name="declaredSize"/> is what Slack reports (the real size by default).
    /// </summary>
    public JsonObject UserFile(string name, string mimeType, byte[] content, long? declaredSize = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = string.Create(CultureInfo.InvariantCulture, $"F0{NextNumber():D8}");
        _userFiles[id] = (mimeType, content);
        var download = new Uri(BaseAddress, $"files-pri/{TeamId}-{id}/download/{Uri.EscapeDataString(name)}").ToString();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["title"] = name,
            ["mimetype"] = mimeType,
            ["filetype"] = Path.GetExtension(name).TrimStart('.').ToLowerInvariant(),
            ["size"] = declaredSize ?? content.LongLength,
            ["url_private"] = new Uri(BaseAddress, $"files-pri/{TeamId}-{id}/{Uri.EscapeDataString(name)}").ToString(),
            ["url_private_download"] = download,
        };
    }

    /// <summary>The <c>view.state.values</c> entry of a file input holding <paramref name="files"/>.</summary>
    public static JsonObject FileInputValue(params JsonObject[] files) =>
        new() { ["files"] = new JsonObject { ["type"] = "file_input", ["files"] = new JsonArray([.. files.Select(f => (JsonNode)f.DeepClone())]) } };

    /// <summary>The messages in <paramref name="channelId"/>, thread replies included, ordered by ts.</summary>
    public IReadOnlyList<FakeSlackMessage> MessagesIn(string channelId) =>
        [.. Messages.Values.Where(m => m.Channel == channelId).OrderBy(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture))];

    /// <summary>Waits (in real time, while the clock may be driven elsewhere) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    /// <summary>A message ts from the fake clock: Unix seconds, then a counter that never repeats ("1700000000.000100").</summary>
    public string NewTs() =>
        string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow().ToUnixTimeSeconds()}.{Interlocked.Increment(ref _tsCounter):000000}");

    private async Task ServeUserFileAsync(HttpContext context, string teamAndFile)
    {
        var fileId = teamAndFile.StartsWith(TeamId + "-", StringComparison.Ordinal) ? teamAndFile[(TeamId.Length + 1)..] : string.Empty;
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + BotToken)
        {
            Interlocked.Increment(ref _unauthorizedFileDownloads);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><body>Sign in to Slack</body></html>");
            return;
        }

        if (!_userFiles.TryGetValue(fileId, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        Interlocked.Increment(ref _fileDownloads);
        context.Response.ContentType = file.MimeType;
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content);
    }

    private long NextNumber() => Interlocked.Increment(ref _numbers);

    private string IssueResponseUrl(string kind, string channelId, string userId)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/{kind}/{TeamId}/{NextNumber()}/{Guid.NewGuid():N}");
        lock (_gate)
        {
            _responseUrls[path] = new ResponseUrlState(channelId, userId, _time.GetUtcNow(), Uses: 0);
        }

        return new Uri(BaseAddress, path.TrimStart('/')).ToString();
    }

    private string UserName(string userId)
    {
        lock (Users)
        {
            return Users.TryGetValue(userId, out var user) ? user.Name : "alice";
        }
    }

    private static string ChannelName(string channelId) => channelId[0] switch
    {
        'D' => "directmessage",
        'G' => "private",
        _ => "general",
    };

    private bool BotIsIn(string channelId)
    {
        if (channelId.StartsWith('D'))
        {
            return true;
        }

        lock (ChannelsWithoutBot)
        {
            return !ChannelsWithoutBot.Contains(channelId);
        }
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        // Each URL from apps.connections.open is good for one connection: a bot must fetch a fresh one to reconnect.
        var ticket = context.Request.Query["ticket"].ToString();
        bool fresh;
        lock (_gate)
        {
            fresh = _tickets.TryGetValue(ticket, out var used) && !used;
            if (fresh)
            {
                _tickets[ticket] = true;
            }
        }

        if (!fresh)
        {
            await TextAsync(context, 401, "invalid_ticket");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new FakeSocketSession(socket, context.Request.QueryString.Value ?? string.Empty, _time, context.Abort, _violations.Add);
        // Known before the first await, so a teardown that starts meanwhile still drops this socket.
        _socketSessions.Add(session);
        if (AutoHello)
        {
            await session.SendHelloAsync();
        }

        _sessions.Writer.TryWrite(session);
        await session.ReadLoopAsync(context.RequestAborted);
    }

    private async Task<FakeSlackRequest> RecordAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var recorded = new FakeSlackRequest(request.Method, request.Path.Value ?? string.Empty,
            request.Headers.Authorization is { Count: > 0 } authorization ? authorization.ToString() : null,
            request.ContentType, buffer.ToArray(), _time.GetUtcNow(), request.QueryString.Value ?? string.Empty);
        Requests.Enqueue(recorded);
        return recorded;
    }

    /// <summary>Answers a queued 429 or failure for <paramref name="name"/>, if any; true when it did.</summary>
    private async Task<bool> TryAnswerInjectedAsync(HttpContext context, string name, bool api)
    {
        int? retryAfter = null;
        string? error = null;
        lock (_gate)
        {
            if (_rateLimits.TryGetValue(name, out var limits) && limits.Count > 0)
            {
                retryAfter = limits.Dequeue();
            }
            else if (_failures.TryGetValue(name, out var failures) && failures.Count > 0)
            {
                error = failures.Dequeue();
            }
        }

        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await JsonAsync(context, Fail("ratelimited"), 429);
            return true;
        }

        if (error is null)
        {
            return false;
        }

        if (api)
        {
            await JsonAsync(context, Fail(error));
        }
        else
        {
            await TextAsync(context, 500, error);
        }

        return true;
    }

    private async Task HandleApiAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        var method = request.ApiMethod ?? string.Empty;
        if (await TryAnswerInjectedAsync(context, method, api: true))
        {
            return;
        }

        if (!KnownMethods.Contains(method))
        {
            await JsonAsync(context, Fail("unknown_method"));
            return;
        }

        if (AuthError(request, method) is { } authError)
        {
            await JsonAsync(context, Fail(authError));
            return;
        }

        if (FormOnlyMethods.Contains(method) && request.IsJson)
        {
            await JsonAsync(context, Fail("invalid_arguments"));
            return;
        }

        if (SlackArguments.TryRead(request, out var bodyError) is not { } args)
        {
            await JsonAsync(context, Fail(bodyError!));
            return;
        }

        if (CheckPayloads && Refused(SlackConformance.CheckApiCall(method, args.ToPayload())) is { } refused)
        {
            await JsonAsync(context, SlackConformance.ErrorBody(method, refused));
            return;
        }

        if (method == "users.info" && HoldUsersInfo is { } hold)
        {
            await hold.Task;
        }

        var answer = method switch
        {
            "apps.connections.open" => OpenConnection(),
            "chat.postMessage" => PostMessage(args),
            "chat.update" => UpdateMessage(args),
            "chat.delete" => DeleteMessage(args),
            "chat.postEphemeral" => PostEphemeral(args),
            "files.getUploadURLExternal" => GetUploadUrl(args),
            "files.completeUploadExternal" => CompleteUpload(args),
            "files.delete" => DeleteFile(args),
            "users.info" => UserInfo(args),
            "conversations.join" => JoinConversation(args),
            "conversations.open" => OpenConversation(args),
            "conversations.replies" => Replies(args),
            "views.open" => OpenView(args),
            _ => Fail("unknown_method"),
        };
        await JsonAsync(context, answer);
    }

    /// <summary>Bearer header (a <c>token</c> form field also works, except for <c>apps.connections.open</c>); xapp for Socket Mode, xoxb for the rest.</summary>
    private static string? AuthError(FakeSlackRequest request, string method)
    {
        const string Bearer = "Bearer ";
        var connections = method == "apps.connections.open";
        string? token = null;
        if (request.Authorization?.StartsWith(Bearer, StringComparison.Ordinal) == true)
        {
            token = request.Authorization[Bearer.Length..].Trim();
        }
        else if (!connections && request.IsForm && QueryHelpers.ParseQuery(request.BodyText).TryGetValue("token", out var field))
        {
            token = field.ToString();
        }

        if (string.IsNullOrEmpty(token))
        {
            return "not_authed";
        }

        return token == (connections ? AppToken : BotToken) ? null : "invalid_auth";
    }

    private JsonObject OpenConnection()
    {
        var ticket = NextNumber().ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _tickets[ticket] = false;
        }

        Interlocked.Increment(ref _connectionsOpened);
        var url = new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/link/", Query = $"ticket={ticket}&app_id={AppId}" }.Uri;
        return new JsonObject { ["ok"] = true, ["url"] = url.ToString() };
    }

    private JsonObject PostMessage(SlackArguments args)
    {
        if (args.Text("channel") is not { } channel)
        {
            return Fail("channel_not_found");
        }

        if (!BotIsIn(channel) && !PostableWithoutMembership.Contains(channel))
        {
            return Fail("not_in_channel");
        }

        if (args.Text("text") is null && args.Node("blocks") is null && args.Node("attachments") is null && args.Text("markdown_text") is null)
        {
            return Fail("no_text");
        }

        var message = new FakeSlackMessage(channel, NewTs(), args.Text("thread_ts"), args.ToPayload(), "postMessage", []);
        Messages[message.Ts] = message;
        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = message.Ts, ["message"] = ToWire(message) };
    }

    private JsonObject UpdateMessage(SlackArguments args)
    {
        if (args.Text("channel") is not { } channel)
        {
            return Fail("channel_not_found");
        }

        if (args.Text("ts") is not { } ts || !Messages.TryGetValue(ts, out var old) || old.Channel != channel)
        {
            return Fail("message_not_found");
        }

        var updated = old with { Payload = args.ToPayload(), Via = "update" };
        if (!Messages.TryUpdate(ts, updated, old))
        {
            return Fail("message_not_found");
        }

        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["text"] = args.Text("text") ?? string.Empty, ["message"] = ToWire(updated) };
    }

    private JsonObject DeleteMessage(SlackArguments args)
    {
        if (args.Text("channel") is not { } channel)
        {
            return Fail("channel_not_found");
        }

        if (args.Text("ts") is not { } ts || !Messages.TryGetValue(ts, out var old) || old.Channel != channel || !Messages.TryRemove(ts, out _))
        {
            return Fail("message_not_found");
        }

        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
    }

    private JsonObject PostEphemeral(SlackArguments args)
    {
        if (args.Text("channel") is null)
        {
            return Fail("channel_not_found");
        }

        if (args.Text("user") is null)
        {
            return Fail("user_not_in_channel");
        }

        _ephemerals.Add(args.ToPayload());

        return new JsonObject { ["ok"] = true, ["message_ts"] = NewTs() };
    }

    private JsonObject GetUploadUrl(SlackArguments args)
    {
        if (args.Text("filename") is not { } filename || args.Text("length") is not { } lengthText)
        {
            return Fail("missing_argument");
        }

        if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return Fail("invalid_arguments");
        }

        if (length == 0)
        {
            return Fail("missing_argument");
        }

        var fileId = string.Create(CultureInfo.InvariantCulture, $"F{NextNumber():D10}");
        lock (_gate)
        {
            _pendingUploads[fileId] = new PendingUpload(filename, length);
        }

        return new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseAddress, "upload/v1/" + fileId).ToString(), ["file_id"] = fileId };
    }

    /// <summary>Step 2 of the upload: the raw bytes (or a multipart body's first part), exactly the announced length.</summary>
    private async Task HandleUploadAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (await TryAnswerInjectedAsync(context, "upload", api: false))
        {
            return;
        }

        var fileId = (string)context.Request.RouteValues["fileId"]!;
        PendingUpload? pending;
        lock (_gate)
        {
            _pendingUploads.TryGetValue(fileId, out pending);
        }

        if (pending is null || request.Method != HttpMethods.Post)
        {
            await TextAsync(context, pending is null ? 404 : 405, "fake: no upload " + request.Method + " " + fileId);
            return;
        }

        if (Files.TryGetValue(fileId, out var existing) && existing.Completed)
        {
            await TextAsync(context, 400, "fake: file already completed");
            return;
        }

        var content = request.Body;
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var parts = FakeMultipart.Parse(request.ContentType, request.Body);
            content = (parts.FirstOrDefault(p => p.FileName is not null) ?? (parts.Count > 0 ? parts[0] : null))?.Content ?? [];
        }

        if (content.LongLength != pending.Length)
        {
            await TextAsync(context, 400, string.Create(CultureInfo.InvariantCulture, $"fake: announced {pending.Length} bytes, received {content.LongLength}"));
            return;
        }

        Files[fileId] = new FakeSlackFile(fileId, pending.Name, pending.Name, pending.Length, content, Channel: null, ThreadTs: null, InitialComment: null);
        await TextAsync(context, 200, string.Create(CultureInfo.InvariantCulture, $"OK - {content.LongLength}"));
    }

    private JsonObject CompleteUpload(SlackArguments args)
    {
        if (args.Node("files") is not JsonArray { Count: > 0 } list)
        {
            return Fail("invalid_arguments");
        }

        var entries = new List<(string Id, string? Title)>();
        foreach (var item in list)
        {
            if (item is not JsonObject entry || entry["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
            {
                return Fail("invalid_arguments");
            }

            entries.Add((id, entry["title"] is JsonValue t && t.TryGetValue<string>(out var title) ? title : null));
        }

        var uploaded = new List<FakeSlackFile>();
        foreach (var (id, title) in entries)
        {
            if (!Files.TryGetValue(id, out var file) || file.Completed)
            {
                return Fail("file_not_found");
            }

            uploaded.Add(file with { Title = title ?? file.Name });
        }

        var channel = args.Text("channel_id") ?? args.Text("channels");
        if (channel is not null && !BotIsIn(channel))
        {
            return Fail("not_in_channel");
        }

        var threadTs = channel is null ? null : args.Text("thread_ts");
        var comment = args.Text("initial_comment");
        foreach (var file in uploaded)
        {
            Files[file.Id] = file with { Channel = channel, ThreadTs = threadTs, InitialComment = comment, Completed = true };
        }

        if (channel is not null)
        {
            var payload = new JsonObject { ["text"] = comment ?? string.Empty, ["files"] = FilesJson(uploaded.Select(f => f.Id)) };
            if (comment is null && args.Node("blocks") is { } blocks)
            {
                payload["blocks"] = blocks;
            }

            var message = new FakeSlackMessage(channel, NewTs(), threadTs, payload, "upload", [.. uploaded.Select(f => f.Id)]);
            Messages[message.Ts] = message;
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["files"] = new JsonArray([.. uploaded.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["title"] = f.Title })]),
        };
    }

    private JsonObject DeleteFile(SlackArguments args)
    {
        if (args.Text("file") is not { } fileId || !Files.TryRemove(fileId, out _))
        {
            return Fail("file_not_found");
        }

        foreach (var message in Messages.Values.Where(m => m.FileIds.Contains(fileId)))
        {
            Messages.TryRemove(message.Ts, out _);
        }

        return new JsonObject { ["ok"] = true };
    }

    private JsonObject UserInfo(SlackArguments args)
    {
        if (args.Text("user") is not { } userId)
        {
            return Fail("invalid_arguments");
        }

        FakeSlackUser? user;
        lock (Users)
        {
            Users.TryGetValue(userId, out user);
        }

        if (user is null)
        {
            return Fail("user_not_found");
        }

        return new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = user.Id,
                ["team_id"] = TeamId,
                ["name"] = user.Name,
                ["deleted"] = false,
                ["is_admin"] = user.IsAdmin,
                ["is_owner"] = user.IsOwner,
                ["is_primary_owner"] = user.IsPrimaryOwner,
                ["is_restricted"] = false,
                ["is_ultra_restricted"] = false,
                ["is_bot"] = false,
            },
        };
    }

    private JsonObject JoinConversation(SlackArguments args)
    {
        if (args.Text("channel") is not { } channel)
        {
            return Fail("channel_not_found");
        }

        if (!channel.StartsWith('C'))
        {
            return Fail(channel[0] is 'G' or 'D' ? "method_not_supported_for_channel_type" : "channel_not_found");
        }

        lock (ChannelsWithoutBot)
        {
            ChannelsWithoutBot.Remove(channel);
        }

        return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel, ["is_channel"] = true, ["is_member"] = true } };
    }

    private static JsonObject OpenConversation(SlackArguments args) =>
        args.Text("users") is { } users
            ? new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + users } }
            : Fail("users_list_not_supplied");

    private JsonObject Replies(SlackArguments args)
    {
        if (args.Text("channel") is not { } channel)
        {
            return Fail("channel_not_found");
        }

        if (!BotIsIn(channel))
        {
            return Fail("not_in_channel");
        }

        if (args.Text("ts") is not { } ts || !Messages.TryGetValue(ts, out var asked) || asked.Channel != channel)
        {
            return Fail("thread_not_found");
        }

        var rootTs = asked.ThreadTs ?? asked.Ts;
        var replies = MessagesIn(channel).Where(m => m.ThreadTs == rootTs && m.Ts != rootTs).ToList();
        var messages = new JsonArray();
        if (Messages.TryGetValue(rootTs, out var root) && root.Channel == channel)
        {
            var parent = ToWire(root);
            if (replies.Count > 0)
            {
                parent["thread_ts"] = rootTs;
                parent["reply_count"] = replies.Count;
            }

            messages.Add(parent);
        }

        foreach (var reply in replies)
        {
            messages.Add(ToWire(reply));
        }

        return new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false };
    }

    private JsonObject OpenView(SlackArguments args)
    {
        if (args.Node("view") is not JsonObject view || args.Text("trigger_id") is not { } trigger)
        {
            return Fail("invalid_arguments");
        }

        lock (_gate)
        {
            if (!_triggers.TryGetValue(trigger, out var state))
            {
                return Fail("invalid_trigger_id");
            }

            if (state.Used)
            {
                return Fail("trigger_exchanged");
            }

            if (_time.GetUtcNow() - state.IssuedAt >= TriggerLifetime)
            {
                return Fail("trigger_expired");
            }

            _triggers[trigger] = state with { Used = true };
        }

        _openedViews.Add(view.DeepClone().AsObject());

        var opened = view.DeepClone().AsObject();
        opened["id"] = string.Create(CultureInfo.InvariantCulture, $"V{NextNumber():D10}");
        opened["team_id"] = TeamId;
        opened["app_id"] = AppId;
        return new JsonObject { ["ok"] = true, ["view"] = opened };
    }

    /// <summary>A response_url post: JSON, within 30 minutes and 5 uses, else 404 <c>expired_url</c> / <c>used_url</c>.</summary>
    private async Task HandleResponseUrlAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (await TryAnswerInjectedAsync(context, "response_url", api: false))
        {
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var url = BaseAddress.GetLeftPart(UriPartial.Authority) + path;
        var now = _time.GetUtcNow();
        ResponseUrlState? state;
        lock (_gate)
        {
            _responseUrls.TryGetValue(path, out state);
        }

        var refusal = state is null ? "invalid_url"
            : now - state.IssuedAt >= ResponseUrlLifetime ? "expired_url"
            : state.Uses >= ResponseUrlUses ? "used_url"
            : null;
        if (refusal is not null || request.Method != HttpMethods.Post)
        {
            await TextAsync(context, 404, refusal ?? "fake: response_url takes POST");
            return;
        }

        if (request.Json is not { } payload)
        {
            await TextAsync(context, 400, "invalid_payload");
            return;
        }

        if (CheckPayloads && Refused(SlackConformance.CheckResponseUrl(payload)) is { } broken)
        {
            // Slack answers a response_url post it cannot use with a bare 400 and the error as the body.
            await TextAsync(context, 400, SlackConformance.ErrorCode(SlackConformance.ResponseUrlRoute, broken));
            return;
        }

        lock (_gate)
        {
            // Count the use under the lock so that concurrent posts cannot exceed five between them.
            state = _responseUrls[path];
            if (state.Uses >= ResponseUrlUses)
            {
                refusal = "used_url";
            }
            else
            {
                _responseUrls[path] = state with { Uses = state.Uses + 1 };
            }
        }

        if (refusal is not null)
        {
            await TextAsync(context, 404, refusal);
            return;
        }

        _responses.Add(new FakeSlackResponse(url, payload, now));

        if ((string?)payload["response_type"] == "in_channel")
        {
            var message = new FakeSlackMessage(state!.Channel, NewTs(), (string?)payload["thread_ts"], payload.DeepClone().AsObject(), "response_url", []);
            Messages[message.Ts] = message;
        }

        await JsonAsync(context, new JsonObject { ["ok"] = true });
    }

    /// <summary>A stored message as the Web API shows it: the bot's payload plus type, author, ts, thread_ts and files.</summary>
    private JsonObject ToWire(FakeSlackMessage message)
    {
        var wire = message.Payload.DeepClone().AsObject();
        wire.Remove("channel");
        wire.Remove("token");
        wire["type"] = "message";
        wire["user"] = BotUserId;
        wire["bot_id"] = BotId;
        wire["app_id"] = AppId;
        wire["team"] = TeamId;
        wire["ts"] = message.Ts;
        if (message.ThreadTs is not null)
        {
            wire["thread_ts"] = message.ThreadTs;
        }

        if (message.FileIds.Count > 0)
        {
            wire["files"] = FilesJson(message.FileIds);
        }

        return wire;
    }

    private JsonArray FilesJson(IEnumerable<string> fileIds) =>
        new([.. fileIds.Select(id => (JsonNode)(Files.TryGetValue(id, out var f)
            ? new JsonObject { ["id"] = f.Id, ["name"] = f.Name, ["title"] = f.Title }
            : new JsonObject { ["id"] = id }))]);

    private static JsonObject Fail(string error) => new() { ["ok"] = false, ["error"] = error };

    /// <summary>Records <paramref name="violations"/>; the unexpected ones, if any, for the fake to refuse the call with.</summary>
    private IReadOnlyList<PayloadViolation>? Refused(IReadOnlyList<PayloadViolation> violations)
    {
        foreach (var violation in violations)
        {
            _violations.Add(violation);
        }

        return KnownViolations.Unexpected(violations) is { Count: > 0 } refused ? refused : null;
    }

    private static async Task JsonAsync(HttpContext context, JsonNode node, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(node.ToJsonString());
    }

    private static async Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        // Open sockets would hold Kestrel's shutdown until its timeout: drop them first.
        foreach (var session in _socketSessions.Snapshot())
        {
            session.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        KnownViolations.ThrowIfUnexpected("Slack", Violations);
    }

    private sealed record PendingUpload(string Name, long Length);

    private sealed record TriggerState(DateTimeOffset IssuedAt, bool Used);

    private sealed record ResponseUrlState(string Channel, string User, DateTimeOffset IssuedAt, int Uses);
}
