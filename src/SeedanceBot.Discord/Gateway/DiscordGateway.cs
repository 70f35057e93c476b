using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Interactions;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Gateway;

/// <summary>
/// The Gateway client: HELLO, heartbeats (the first one jittered; a beat without an ACK since the last one means a
/// zombie connection: close with 4000 and resume), IDENTIFY within the session-start budget, READY (session id and
/// resume URL kept), sequence tracking, RESUME after a drop (Discord replays what was missed), op 7 and op 9, fatal
/// close codes that stop the client with a clear error instead of looping, and reconnects with exponential back-off and
/// jitter. Every INTERACTION_CREATE goes to the <see cref="InteractionHandler"/>, answered by a REST callback.
/// One instance is one shard (<see cref="Shard"/>); <see cref="GatewayShards"/> runs the shards this replica holds.
/// </summary>
internal sealed class DiscordGateway(
    IDiscordRest rest,
    IGatewayConnectionFactory connections,
    InteractionHandler handler,
    IdentifySlots identifySlots,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGateway> logger,
    Core.Diagnostics.BotMetrics metrics)
{
    private const string Query = "?v=10&encoding=json";
    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;
    private int _heartbeatAcks;
    private DateTimeOffset _lastIdentify = DateTimeOffset.MinValue;

    /// <summary>Random in [0, 1): heartbeat and back-off jitter. Tests fix it.</summary>
    public Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    public GatewayStatus Status { get; private set; } = GatewayStatus.Disconnected;

    /// <summary>The shard this client identifies as; set before <see cref="RunAsync"/>.</summary>
    public GatewayShard Shard { get; set; } = GatewayShard.Single;

    /// <summary>Connections opened after the first one.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Heartbeat ACKs received over the client's life.</summary>
    public int HeartbeatAcks => _heartbeatAcks;

    private long? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? s : null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            SessionEnd end;
            try
            {
                if (!first)
                {
                    Reconnects++;
                }

                first = false;
                end = await RunSessionAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or JsonException or DiscordApiException or InvalidOperationException)
            {
                Log.GatewayConnectionFailed(logger, ex);
                end = new SessionEnd(SessionOutcome.Reconnect, Ready: false);
            }

            if (end.Outcome == SessionOutcome.Fatal)
            {
                Status = GatewayStatus.Stopped;
                return;
            }

            Status = GatewayStatus.Disconnected;
            failures = end.Ready ? 0 : failures + 1;
            var delay = Backoff(failures) + end.ExtraDelay;
            Log.GatewayReconnecting(logger, _sessionId is not null, delay.TotalMilliseconds);
            metrics.Reconnected(Interactions.InteractionHandler.PlatformName);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        Status = GatewayStatus.Disconnected;
        await Task.WhenAll(_inFlight.Keys);
    }

    /// <summary>0-1 s after a clean reconnect; then 1, 2, 4 ... 60 s, each with ±50 % jitter.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = failures == 0 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
        return ceiling * (0.5 + (Jitter() / 2));
    }

    private async Task<SessionEnd> RunSessionAsync(CancellationToken cancellationToken)
    {
        var resuming = _sessionId is not null && _resumeUrl is not null && Sequence is not null;
        var maxConcurrency = 1;
        Uri url;
        if (resuming)
        {
            url = _resumeUrl!;
        }
        else
        {
            // Wait for the identify budget before connecting: an open socket that does not identify gets closed.
            var info = await rest.GetGatewayBotAsync(cancellationToken);
            url = options.Value.GatewayUrl ?? new Uri(info.Url);
            maxConcurrency = info.SessionStartLimit?.MaxConcurrency ?? 1;
            await WaitForIdentifyAsync(info, cancellationToken);
        }

        Status = GatewayStatus.Connecting;
        await using var connection = connections.Create();
        await connection.ConnectAsync(new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Query), cancellationToken);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = new Heartbeat();
        Task? beating = null;
        var ready = false;
        try
        {
            var hello = await connection.ReceiveAsync(session.Token);
            if (hello is null || Parse(hello) is not { Op: 10 } helloPayload)
            {
                Log.GatewayNoHello(logger, connection.CloseStatus);
                return Closed(connection.CloseStatus, ready);
            }

            var interval = TimeSpan.FromMilliseconds(helloPayload.Data.GetProperty("heartbeat_interval").GetDouble());
            beating = HeartbeatAsync(connection, interval, heartbeat, session, cancellationToken);
            if (resuming)
            {
                Log.GatewayResuming(logger, Sequence ?? 0);
                await SendAsync(connection, 6, new JsonObject { ["token"] = options.Value.Token, ["session_id"] = _sessionId, ["seq"] = Sequence }, session.Token);
            }
            else
            {
                // The bucket's slot is taken last, right before IDENTIFY, so the 5 s between identifies are what
                // Discord sees (heartbeats already run while waiting for it).
                await identifySlots.WaitAsync(Shard.Bucket(maxConcurrency), session.Token);
                _lastIdentify = time.GetUtcNow();
                await SendAsync(connection, 2, new JsonObject
                {
                    ["token"] = options.Value.Token,
                    ["intents"] = 0,
                    ["shard"] = new JsonArray(Shard.Id, Shard.Count),
                    ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "seedancebot", ["device"] = "seedancebot" },
                }, session.Token);
            }

            while (true)
            {
                string? text;
                try
                {
                    text = await connection.ReceiveAsync(session.Token);
                }
                catch (OperationCanceledException) when (heartbeat.Zombie && !cancellationToken.IsCancellationRequested)
                {
                    return new SessionEnd(SessionOutcome.Reconnect, ready);
                }

                if (text is null)
                {
                    return heartbeat.Zombie ? new SessionEnd(SessionOutcome.Reconnect, ready) : Closed(connection.CloseStatus, ready);
                }

                var payload = Parse(text);
                if (payload is null)
                {
                    continue;
                }

                if (payload.Sequence is { } sequence)
                {
                    Interlocked.Exchange(ref _sequence, sequence);
                }

                switch (payload.Op)
                {
                    case 0:
                        try
                        {
                            ready |= Dispatch(payload, cancellationToken);
                        }
                        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or UriFormatException)
                        {
                            // A dispatch without the fields it should have: skipped, the session goes on.
                            Log.GatewayPayloadSkipped(logger);
                        }

                        break;
                    case 1:
                        await SendAsync(connection, 1, Sequence, session.Token);
                        break;
                    case 7:
                        Log.GatewayReconnectRequested(logger);
                        await connection.CloseAsync(4000, cancellationToken);
                        return new SessionEnd(SessionOutcome.Reconnect, Ready: true);
                    case 9:
                        var resumable = payload.Data.ValueKind == JsonValueKind.True;
                        Log.GatewayInvalidSession(logger, resumable);
                        await connection.CloseAsync(4000, cancellationToken);
                        if (!resumable)
                        {
                            ForgetSession();
                        }

                        // Discord asks for a random 1-5 s wait before identifying again.
                        return new SessionEnd(SessionOutcome.Reconnect, Ready: true, ExtraDelay: resumable ? TimeSpan.Zero : TimeSpan.FromSeconds(1 + (4 * Jitter())));
                    case 11:
                        heartbeat.Acked = true;
                        Interlocked.Increment(ref _heartbeatAcks);
                        break;
                }
            }
        }
        finally
        {
            await session.CancelAsync();
            if (beating is not null)
            {
                try
                {
                    await beating;
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
                {
                    // The session is over; so is its heartbeat.
                }
            }
        }
    }

    /// <summary>Handles a dispatch; true when it means the session is (again) ready.</summary>
    private bool Dispatch(GatewayPayload payload, CancellationToken cancellationToken)
    {
        switch (payload.Type)
        {
            case "READY":
                _sessionId = payload.Data.GetProperty("session_id").GetString();
                _resumeUrl = payload.Data.TryGetProperty("resume_gateway_url", out var resume) && resume.GetString() is { } resumeUrl ? new Uri(resumeUrl) : null;
                Status = GatewayStatus.Ready;
                var userName = payload.Data.GetProperty("user").GetProperty("username").GetString() ?? "?";
                Log.GatewayReady(logger, userName);
                return true;
            case "RESUMED":
                Status = GatewayStatus.Ready;
                Log.GatewayResumed(logger);
                return true;
            case "INTERACTION_CREATE":
                // Off the receive loop: however long one interaction takes, heartbeats and the next ones go on.
                var data = payload.Data;
                Track(Task.Run(() => HandleInteractionAsync(data, cancellationToken), CancellationToken.None));
                return false;
            default:
                return false;
        }
    }

    private async Task HeartbeatAsync(IGatewayConnection connection, TimeSpan interval, Heartbeat heartbeat, CancellationTokenSource session, CancellationToken stopping)
    {
        await Task.Delay(interval * Jitter(), time, session.Token);
        while (!session.IsCancellationRequested)
        {
            if (!heartbeat.Acked)
            {
                heartbeat.Zombie = true;
                Log.GatewayZombie(logger, interval.TotalMilliseconds);
                try
                {
                    await connection.CloseAsync(4000, stopping);
                }
                finally
                {
                    await session.CancelAsync();
                }

                return;
            }

            heartbeat.Acked = false;
            await SendAsync(connection, 1, Sequence, session.Token);
            await Task.Delay(interval, time, session.Token);
        }
    }

    /// <summary>
    /// Identify within <c>session_start_limit</c> and at most once per 5 s per client; the shard's rate-limit bucket
    /// (<c>shard_id % max_concurrency</c>, once per 5 s over every replica) is taken after HELLO (<see cref="IdentifySlots"/>).
    /// </summary>
    private async Task WaitForIdentifyAsync(GatewayBotInfo info, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wait = _lastIdentify + IdentifySpacing - now;
        if (info.SessionStartLimit is { Remaining: <= 0 } limit)
        {
            var reset = TimeSpan.FromMilliseconds(limit.ResetAfter);
            Log.GatewayIdentifyBudgetSpent(logger, reset.TotalMinutes);
            wait = reset > wait ? reset : wait;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        _lastIdentify = time.GetUtcNow();
    }

    private SessionEnd Closed(int? code, bool ready)
    {
        if (GatewayCloseCodes.IsFatal(code))
        {
            var reason = GatewayCloseCodes.Describe(code);
            Log.GatewayFatalClose(logger, code ?? 0, reason);
            return new SessionEnd(SessionOutcome.Fatal, ready);
        }

        if (GatewayCloseCodes.EndsSession(code))
        {
            ForgetSession();
        }

        var description = GatewayCloseCodes.Describe(code);
        Log.GatewayClosed(logger, code ?? 0, description);
        return new SessionEnd(SessionOutcome.Reconnect, ready);
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    /// <summary>
    /// One INTERACTION_CREATE: admitted through the handler (malformed ones and replays, e.g. after a RESUME, are dropped
    /// with a log line; replays are known from the store's ledger, so also after a restart), then handled. Nothing in a
    /// bad payload can end the session.
    /// </summary>
    private async Task HandleInteractionAsync(JsonElement data, CancellationToken cancellationToken)
    {
        try
        {
            Interaction? interaction;
            try
            {
                interaction = data.ValueKind == JsonValueKind.Object ? data.Deserialize(DiscordJson.Info<Interaction>()) : null;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                interaction = null;
            }

            if (interaction is null)
            {
                Log.InteractionMalformed(logger, "the INTERACTION_CREATE data is not an interaction");
                return;
            }

            if (await handler.AdmitAsync(interaction, cancellationToken) != InteractionAdmission.Accepted)
            {
                return;
            }

            // A replay Core found was answered when it first came: nothing is sent for it again.
            await handler.HandleAsync(
                interaction,
                callback => InteractionHandler.IsReplayAnswer(callback) ? Task.CompletedTask : rest.RespondAsync(interaction.Id, interaction.Token, callback, cancellationToken),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.GatewayInteractionFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Track(Task work)
    {
        _inFlight.TryAdd(work, 0);
        _ = work.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sends <c>{"op": op, "d": data}</c>; a heartbeat before the first dispatch sends <c>"d": null</c>, written as such.</summary>
    private static Task SendAsync(IGatewayConnection connection, int op, JsonNode? data, CancellationToken cancellationToken) =>
        connection.SendAsync(new JsonObject { ["op"] = op, ["d"] = data }.ToJsonString(), cancellationToken);

    /// <summary>A Gateway payload, or null (logged) for text that is not one: a bad frame is skipped, not fatal.</summary>
    private GatewayPayload? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var code))
            {
                Log.GatewayPayloadSkipped(logger);
                return null;
            }

            return new GatewayPayload(
                code,
                root.TryGetProperty("d", out var d) ? d.Clone() : default,
                root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sequence) ? sequence : null,
                root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null);
        }
        catch (JsonException)
        {
            Log.GatewayPayloadSkipped(logger);
            return null;
        }
    }

    private sealed class Heartbeat
    {
        public volatile bool Acked = true;
        public volatile bool Zombie;
    }

    private enum SessionOutcome
    {
        Reconnect,
        Fatal,
    }

    private sealed record SessionEnd(SessionOutcome Outcome, bool Ready, TimeSpan ExtraDelay = default);
}
