using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Collections;
using SeedanceBot.Testing.Conformance;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Testing.Discord;

/// <summary>
/// A fake Discord written from ../shared/specs/discord.md: the REST routes the bot uses under <c>/api/v10</c> (with
/// rate-limit headers, 429s on demand, interaction tokens that expire after 15 minutes on the given clock, channels
/// the bot may not post in) and the Gateway over a real WebSocket at <c>/gateway</c>. Kestrel on 127.0.0.1, port 0.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    public const string ApplicationId = "1300000000000000000";
    public const string BotToken = "fake-bot-token.abc.def";
    public const string SessionId = "9f1c2b3a4d5e6f708192a3b4c5d6e7f8";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (string ChannelId, DateTimeOffset At)> _tokens = new();
    private readonly ConcurrentDictionary<string, string> _originals = new();
    private readonly ConcurrentDictionary<string, int> _deferred = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly Channel<FakeGatewaySession> _sessions = Channel.CreateUnbounded<FakeGatewaySession>();
    private long _lastId;
    private long _sequence;
    private readonly SnapshotList<FakeGatewaySession> _gatewaySessions = new();
    private readonly SnapshotList<PayloadViolation> _violations = new();
    private readonly SnapshotList<FakeIdentify> _identifies = new();
    private readonly ConcurrentDictionary<string, int> _callbackCounts = new();
    private int _overlappingShardSessions;
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Content)> _files = new();
    private int _fileDownloads;

    private FakeDiscord(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The REST base to configure as <c>Discord:ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/v10");

    public Uri GatewayUrl => new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/gateway" }.Uri;

    public ConcurrentQueue<FakeDiscordRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, FakeDiscordMessage> Messages { get; } = new();

    /// <summary>Interaction callbacks by interaction id (type and data).</summary>
    public ConcurrentDictionary<string, JsonObject> Callbacks { get; } = new();

    /// <summary>Every Gateway connection, in order.</summary>
    public IReadOnlyList<FakeGatewaySession> GatewaySessions => _gatewaySessions.Snapshot();

    /// <summary>Answer the Gateway as Discord does. Off: the test speaks for the server.</summary>
    public bool AutoGateway { get; set; } = true;

    /// <summary>
    /// Check every REST body against the OpenAPI spec and the documented limits (<see cref="DiscordConformance"/>). Off
    /// only for timing runs in one process with the bot (the check costs milliseconds per call, which Discord would spend
    /// on its own machines); every test keeps it on.
    /// </summary>
    public bool CheckPayloads { get; set; } = true;

    public int HeartbeatIntervalMs { get; set; } = 41250;

    /// <summary>The shard count <c>GET /gateway/bot</c> recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary><c>session_start_limit.max_concurrency</c>: identify buckets, one identify each per 5 s.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Every IDENTIFY, in order, with its shard and time.</summary>
    public IReadOnlyList<FakeIdentify> Identifies => _identifies.Snapshot();

    /// <summary>IDENTIFYs for a shard another open session already runs (Discord would run the shard twice).</summary>
    public int OverlappingShardSessions => Volatile.Read(ref _overlappingShardSessions);

    /// <summary>How many answers (callbacks) each interaction got: one each, or it was answered twice.</summary>
    public IReadOnlyDictionary<string, int> CallbackCounts => _callbackCounts;

    /// <summary>Identifies left today, as <c>GET /gateway/bot</c> reports them, and when the budget resets.</summary>
    public int SessionStartRemaining { get; set; } = 999;

    public TimeSpan SessionStartResetAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Channels where the bot lacks access: posting there answers 403 / 50001.</summary>
    public HashSet<string> ChannelsWithoutAccess { get; } = [];

    public JsonArray RegisteredCommands { get; private set; } = [];

    /// <summary>
    /// Every rule the bot's bodies broke (<see cref="DiscordConformance"/>: the OpenAPI spec and the documented limits),
    /// REST and Gateway, known ones included. A REST body with an unexpected violation is answered as Discord does
    /// (400, code 50035 "Invalid Form Body"), and disposing the fake then fails the test.
    /// </summary>
    public IReadOnlyList<PayloadViolation> Violations => _violations.Snapshot();

    public int CommandPuts { get; private set; }

    public static async Task<FakeDiscord> StartAsync(TimeProvider time)
    {
        var app = LoopbackServer.Create();
        var fake = new FakeDiscord(app, time);
        app.UseWebSockets();
        app.Map("/gateway", fake.AcceptGatewayAsync);
        app.Map("/api/v10/{**path}", fake.HandleRestAsync);
        app.MapGet("/attachments/{channel}/{id}/{name}", fake.ServeAttachmentAsync);
        fake.BaseAddress = await LoopbackServer.StartAsync(app);
        return fake;
    }

    /// <summary>The fake CDN's <c>host:port</c>: the bot's <c>Discord:ExtraAttachmentHosts</c> in tests.</summary>
    public string CdnHost => BaseAddress.Authority;

    /// <summary>How many attachment downloads the fake CDN served (or refused).</summary>
    public int FileDownloads => Volatile.Read(ref _fileDownloads);

    /// <summary>
    /// A file a user attaches, as <c>data.resolved.attachments[id]</c> carries it, served by the fake CDN at its signed
    /// <c>url</c>. <paramref name="declaredSize"/> is what Discord reports (the real size unless a test says otherwise).
    /// </summary>
    public JsonObject Attachment(string filename, string contentType, byte[] content, long? declaredSize = null, string channelId = "1200000000000000222")
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = NextId();
        _files[id] = (contentType, content);
        return new JsonObject
        {
            ["id"] = id,
            ["filename"] = filename,
            ["content_type"] = contentType,
            ["size"] = declaredSize ?? content.LongLength,
            ["url"] = new Uri(BaseAddress, $"attachments/{channelId}/{id}/{Uri.EscapeDataString(filename)}?ex=6a1b2c3d&is=6a1a0000&hm=0f1e2d3c").ToString(),
            ["proxy_url"] = new Uri(BaseAddress, $"attachments/{channelId}/{id}/{Uri.EscapeDataString(filename)}").ToString(),
        };
    }

    /// <summary>Puts <paramref name="attachments"/> into a command's <c>data.resolved.attachments</c>, by id.</summary>
    public static JsonObject WithAttachments(JsonObject data, params JsonObject[] attachments)
    {
        ArgumentNullException.ThrowIfNull(data);
        var byId = new JsonObject();
        foreach (var attachment in attachments)
        {
            byId[(string)attachment["id"]!] = attachment.DeepClone();
        }

        data["resolved"] = new JsonObject { ["attachments"] = byId };
        return data;
    }

    /// <summary>Makes the next <paramref name="times"/> requests whose route starts with <paramref name="routePrefix"/> ("POST channels") answer 429.</summary>
    public void RateLimitNext(string routePrefix, int times, double retryAfterSeconds, bool global = false) =>
        _failures[$"{routePrefix}|{retryAfterSeconds.ToString(CultureInfo.InvariantCulture)}|{global}"] = times;

    /// <summary>An interaction as Discord would send it, its token registered (valid 15 minutes from now).</summary>
    public JsonObject NewInteraction(int type, JsonObject data, string channelId = "1200000000000000222", string userId = "1100000000000000111", string permissions = "0", string? guildId = "1200000000000000000", long? attachmentSizeLimit = 10485760, JsonObject? message = null)
    {
        var id = NextId();
        var token = "itok-" + id;
        _tokens[token] = (channelId, _time.GetUtcNow());
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["token"] = token,
            ["version"] = 1,
            ["channel_id"] = channelId,
            ["channel"] = new JsonObject { ["id"] = channelId, ["type"] = 0 },
            ["data"] = data,
            ["locale"] = "en-US",
            ["attachment_size_limit"] = attachmentSizeLimit,
            ["message"] = message,
        };
        var user = new JsonObject { ["id"] = userId, ["username"] = "alice", ["global_name"] = "Alice", ["discriminator"] = "0" };
        if (guildId is null)
        {
            interaction["user"] = user;
        }
        else
        {
            interaction["guild_id"] = guildId;
            interaction["member"] = new JsonObject { ["user"] = user, ["roles"] = new JsonArray("1200000000000000444"), ["permissions"] = permissions, ["nick"] = null };
        }

        return interaction;
    }

    /// <summary>
    /// Takes an interaction's answer as Discord does: over REST (Gateway) or as the HTTP response body (the harness hands
    /// it here). A deferred response (type 5) keeps its visibility: until <c>@original</c> is edited, the first follow-up
    /// takes the deferred response's place and flags, whatever flags it asks for (also after <c>@original</c> was deleted).
    /// </summary>
    public void AcceptCallback(string interactionId, string token, JsonObject callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callbackCounts.AddOrUpdate(interactionId, 1, static (_, n) => n + 1);
        Callbacks[interactionId] = callback;
        if ((int?)callback["type"] == 5)
        {
            _deferred[token] = (int?)callback["data"]?["flags"] ?? 0;
        }
    }

    /// <summary>Sends INTERACTION_CREATE on the newest Gateway session.</summary>
    public async Task DispatchInteractionAsync(JsonObject interaction)
    {
        var session = _gatewaySessions.Snapshot()[^1];
        await session.DispatchAsync("INTERACTION_CREATE", Interlocked.Increment(ref _sequence), interaction);
    }

    /// <summary>Sends INTERACTION_CREATE on the open session that runs <paramref name="shard"/>; returns it.</summary>
    public async Task<FakeGatewaySession> DispatchToShardAsync(int shard, JsonObject interaction)
    {
        var session = _gatewaySessions.Snapshot().LastOrDefault(s => s.Shard == shard && s.IsOpen)
            ?? throw new InvalidOperationException($"No open Gateway session runs shard {shard}.");
        await session.DispatchAsync("INTERACTION_CREATE", Interlocked.Increment(ref _sequence), interaction);
        return session;
    }

    public async Task<FakeGatewaySession> NextGatewaySessionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _sessions.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Waits (in real time, while the clock may be driven elsewhere) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    public IReadOnlyList<FakeDiscordMessage> MessagesIn(string channelId) =>
        [.. Messages.Values.Where(m => m.ChannelId == channelId).OrderBy(m => long.Parse(m.Id, CultureInfo.InvariantCulture))];

    /// <summary>A snowflake from the fake clock (ms since 2015-01-01 shifted by 22 bits), unique and increasing.</summary>
    public string NextId()
    {
        var fromClock = (_time.GetUtcNow().ToUnixTimeMilliseconds() - 1420070400000) << 22;
        long id;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastId);
            id = Math.Max(fromClock, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastId, id, last) != last);

        return id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task AcceptGatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new FakeGatewaySession(socket, context.Request.Path, context.Request.QueryString.Value ?? string.Empty, _violations.Add);
        _gatewaySessions.Add(session);

        _sessions.Writer.TryWrite(session);
        if (AutoGateway)
        {
            await session.SendHelloAsync(HeartbeatIntervalMs);
        }

        await session.ReadLoopAsync(OnGatewayPayloadAsync);
    }

    private async Task OnGatewayPayloadAsync(FakeGatewaySession session, JsonObject payload)
    {
        if (!AutoGateway)
        {
            return;
        }

        switch ((int?)payload["op"])
        {
            case 1 when session.AckHeartbeats:
                await session.SendOpAsync(11);
                break;
            case 2:
                var shard = payload["d"]?["shard"] as JsonArray;
                var shardId = (int?)shard?[0] ?? 0;
                if (_gatewaySessions.Snapshot().Any(s => s != session && s.IsOpen && s.Shard == shardId))
                {
                    Interlocked.Increment(ref _overlappingShardSessions);
                }

                session.Shard = shardId;
                _identifies.Add(new FakeIdentify(shardId, (int?)shard?[1] ?? 1, _time.GetUtcNow(), session));
                await session.DispatchAsync("READY", Interlocked.Increment(ref _sequence), new JsonObject
                {
                    ["shard"] = new JsonArray(shardId, (int?)shard?[1] ?? 1),
                    ["v"] = 10,
                    ["user"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "SeedanceBot", ["bot"] = true },
                    ["guilds"] = new JsonArray(),
                    ["session_id"] = SessionId,
                    ["resume_gateway_url"] = GatewayUrl.ToString(),
                    ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                });
                break;
            case 6:
                await session.DispatchAsync("RESUMED", Interlocked.Increment(ref _sequence), new JsonObject());
                break;
        }
    }

    /// <summary>The CDN: a signed link (its <c>ex</c>, <c>is</c> and <c>hm</c> query) gets the file; anything else 404s, as Discord's does.</summary>
    private async Task ServeAttachmentAsync(HttpContext context, string id)
    {
        Interlocked.Increment(ref _fileDownloads);
        var query = context.Request.Query;
        if (!_files.TryGetValue(id, out var file) || !query.ContainsKey("ex") || !query.ContainsKey("is") || !query.ContainsKey("hm"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content);
    }

    private async Task HandleRestAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = request.Path.Value!["/api/v10".Length..];
        Requests.Enqueue(new FakeDiscordRequest(request.Method, path, request.QueryString.Value ?? string.Empty, request.Headers.Authorization.ToString(),
            request.Headers.UserAgent.ToString(), request.ContentType, body, _time.GetUtcNow()));
        var segments = path.Trim('/').Split('/');
        var route = request.Method + " " + segments[0];
        context.Response.Headers["X-RateLimit-Bucket"] = "bucket-" + segments[0];
        context.Response.Headers["X-RateLimit-Limit"] = "5";
        context.Response.Headers["X-RateLimit-Remaining"] = "4";
        context.Response.Headers["X-RateLimit-Reset-After"] = "1.000";
        foreach (var (key, left) in _failures)
        {
            var parts = key.Split('|');
            if (left > 0 && route.StartsWith(parts[0], StringComparison.Ordinal) && _failures.TryUpdate(key, left - 1, left))
            {
                var global = parts[2] == "True";
                context.Response.StatusCode = 429;
                context.Response.Headers["Retry-After"] = Math.Ceiling(double.Parse(parts[1], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Scope"] = global ? "global" : "user";
                if (global)
                {
                    context.Response.Headers["X-RateLimit-Global"] = "true";
                }

                await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = double.Parse(parts[1], CultureInfo.InvariantCulture), ["global"] = global, ["code"] = 0 });
                return;
            }
        }

        var violations = CheckPayloads ? DiscordConformance.CheckRequest(request.Method, path, request.ContentType, body) : [];
        foreach (var violation in violations)
        {
            _violations.Add(violation);
        }

        if (KnownViolations.Unexpected(violations) is { Count: > 0 } refused)
        {
            context.Response.StatusCode = 400;
            await Json(context, DiscordConformance.InvalidFormBody(refused));
            return;
        }

        var botAuthorized = request.Headers.Authorization.ToString() == "Bot " + BotToken;
        switch (segments)
        {
            case ["gateway", "bot"] when botAuthorized:
                await Json(context, new JsonObject
                {
                    ["url"] = GatewayUrl.ToString(),
                    ["shards"] = RecommendedShards,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = SessionStartRemaining, ["reset_after"] = (long)SessionStartResetAfter.TotalMilliseconds, ["max_concurrency"] = MaxConcurrency },
                });
                return;
            case ["interactions", var id, var token, "callback"] when request.Method == "POST":
                if (!_tokens.ContainsKey(token))
                {
                    await Error(context, 404, 10062, "Unknown interaction");
                    return;
                }

                AcceptCallback(id, token, JsonNode.Parse(body)!.AsObject());
                context.Response.StatusCode = 204;
                return;
            case ["webhooks", ApplicationId, var token, "messages", "@original"]:
                if (!TokenValid(token, out var channel))
                {
                    await Error(context, 404, 10015, "Unknown Webhook");
                    return;
                }

                if (request.Method == "DELETE")
                {
                    if (_originals.TryRemove(token, out var removed))
                    {
                        Messages.TryRemove(removed, out _);
                    }

                    context.Response.StatusCode = 204;
                    return;
                }

                var originalId = _originals.GetOrAdd(token, _ => NextId());
                var original = Store(originalId, channel, request, body, "original");
                if (_deferred.TryRemove(token, out var deferredFlags))
                {
                    original.Payload["flags"] = deferredFlags;
                }

                await Json(context, original.Payload.DeepClone().AsObject().Also(o => o["id"] = originalId));
                return;
            case ["webhooks", ApplicationId, var token, "messages", var messageId]:
                if (!TokenValid(token, out var webhookChannel))
                {
                    await Error(context, 404, 10015, "Unknown Webhook");
                    return;
                }

                if (!Messages.TryGetValue(messageId, out var existing) || existing.ChannelId != webhookChannel || existing.Via is not ("followup" or "original"))
                {
                    await Error(context, 404, 10008, "Unknown Message");
                    return;
                }

                if (request.Method == "DELETE")
                {
                    Messages.TryRemove(messageId, out _);
                    context.Response.StatusCode = 204;
                    return;
                }

                var edited = Store(messageId, webhookChannel, request, body, existing.Via);
                edited.Payload["flags"] = existing.Payload["flags"]?.DeepClone();
                await Json(context, new JsonObject { ["id"] = messageId, ["channel_id"] = webhookChannel });
                return;
            case ["webhooks", ApplicationId, var token] when request.Method == "POST":
                if (!TokenValid(token, out var followChannel))
                {
                    await Error(context, 404, 10015, "Unknown Webhook");
                    return;
                }

                if (_deferred.TryRemove(token, out var deferFlags))
                {
                    // The first follow-up after a defer is the deferred response itself, with the defer's visibility.
                    var asOriginal = Store(_originals.GetOrAdd(token, _ => NextId()), followChannel, request, body, "original");
                    asOriginal.Payload["flags"] = deferFlags;
                    await Json(context, new JsonObject { ["id"] = asOriginal.Id, ["channel_id"] = followChannel });
                    return;
                }

                var followUp = Store(NextId(), followChannel, request, body, "followup");
                await Json(context, new JsonObject { ["id"] = followUp.Id, ["channel_id"] = followChannel });
                return;
            case ["channels", var channelId, "messages"] when request.Method == "POST" && botAuthorized:
                if (ChannelsWithoutAccess.Contains(channelId))
                {
                    await Error(context, 403, 50001, "Missing Access");
                    return;
                }

                var created = Store(NextId(), channelId, request, body, "channel");
                var nonce = (string?)created.Payload["nonce"];
                var earlier = nonce is null ? null : Messages.Values.FirstOrDefault(m => m.Id != created.Id && (string?)m.Payload["nonce"] == nonce && m.ChannelId == channelId);
                if (earlier is not null && created.Payload["enforce_nonce"]?.GetValue<bool>() == true)
                {
                    Messages.TryRemove(created.Id, out _);
                    created = earlier;
                }

                await Json(context, new JsonObject { ["id"] = created.Id, ["channel_id"] = channelId });
                return;
            case ["channels", var channelId, "messages"] when request.Method == "GET" && botAuthorized:
                if (ChannelsWithoutAccess.Contains(channelId))
                {
                    await Error(context, 403, 50001, "Missing Access");
                    return;
                }

                var after = long.Parse(request.Query["after"].ToString() is { Length: > 0 } a ? a : "0", CultureInfo.InvariantCulture);
                var list = new JsonArray([.. MessagesIn(channelId).Where(m => long.Parse(m.Id, CultureInfo.InvariantCulture) > after)
                    .Select(m => (JsonNode)m.Payload.DeepClone().AsObject().Also(o => { o["id"] = m.Id; o["channel_id"] = m.ChannelId; o["author"] = new JsonObject { ["id"] = ApplicationId, ["bot"] = true }; }))]);
                await Json(context, list);
                return;
            case ["channels", var channelId, "messages", var messageId] when request.Method == "PATCH" && botAuthorized:
                Store(messageId, channelId, request, body, "channel");
                await Json(context, new JsonObject { ["id"] = messageId, ["channel_id"] = channelId });
                return;
            case ["channels", _, "messages", var messageId] when request.Method == "DELETE" && botAuthorized:
                context.Response.StatusCode = Messages.TryRemove(messageId, out _) ? 204 : 404;
                return;
            case ["users", "@me", "channels"] when request.Method == "POST" && botAuthorized:
                var recipient = (string?)JsonNode.Parse(body)?["recipient_id"];
                await Json(context, new JsonObject { ["id"] = "dm-" + recipient, ["type"] = 1 });
                return;
            case ["applications", ApplicationId, "commands"] or ["applications", ApplicationId, "guilds", _, "commands"] when botAuthorized:
                if (request.Method == "PUT")
                {
                    CommandPuts++;
                    RegisteredCommands = JsonNode.Parse(body)!.AsArray();
                }

                // Discord answers with its own fields added, as the real API does.
                await Json(context, new JsonArray([.. RegisteredCommands.Select(c => (JsonNode)c!.DeepClone().AsObject().Also(o =>
                {
                    o["id"] = NextId();
                    o["application_id"] = ApplicationId;
                    o["version"] = NextId();
                    o["nsfw"] = false;
                }))]));
                return;
            default:
                await Error(context, botAuthorized || segments[0] is "webhooks" or "interactions" ? 404 : 401, 0, "fake: no such route " + request.Method + " " + path);
                return;
        }
    }

    private bool TokenValid(string token, out string channelId)
    {
        if (_tokens.TryGetValue(token, out var entry) && _time.GetUtcNow() - entry.At < TokenLifetime)
        {
            channelId = entry.ChannelId;
            return true;
        }

        channelId = string.Empty;
        return false;
    }

    /// <summary>Reads a JSON body or a multipart one (payload_json + files[n]) and keeps the message.</summary>
    private FakeDiscordMessage Store(string id, string channelId, HttpRequest request, byte[] body, string via)
    {
        JsonObject payload;
        List<FakeDiscordFile> files = [];
        if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.Ordinal) == true)
        {
            var form = FakeMultipart.Parse(request.ContentType, body);
            payload = JsonNode.Parse(form.Single(p => p.Name == "payload_json").Content)!.AsObject();
            files = [.. form.Where(p => p.Name.StartsWith("files[", StringComparison.Ordinal))
                .Select(p => new FakeDiscordFile(p.Name, p.FileName ?? string.Empty, p.ContentType ?? string.Empty, p.Content))];
        }
        else
        {
            payload = JsonNode.Parse(body)!.AsObject();
        }

        var kept = files.Count > 0 ? files : Messages.TryGetValue(id, out var old) ? [.. old.Files] : [];
        var message = new FakeDiscordMessage(id, channelId, payload, via, kept.FirstOrDefault()) { Files = kept };
        Messages[id] = message;
        return message;
    }

    private static async Task Json(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(node.ToJsonString());
    }

    private static async Task Error(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        await Json(context, new JsonObject { ["code"] = code, ["message"] = message });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        KnownViolations.ThrowIfUnexpected("Discord", Violations);
    }
}
