using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeedanceBot.Slack.Contracts;
using SeedanceBot.Slack.Events;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// Hands an envelope to the <see cref="SlackRequestHandler"/> and guarantees its acknowledgement: exactly one, within
/// <see cref="AckDeadline"/> (Slack allows 3 s), with the handler's payload when it answered in time and the envelope
/// accepts one. A redelivered envelope is acknowledged again but not handled twice.
/// </summary>
internal sealed class SocketEnvelopeDispatcher(SlackRequestHandler handler, EnvelopeDeduplicator seen, TimeProvider time, ILogger<SocketEnvelopeDispatcher> logger)
{
    public static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(2.5);

    /// <param name="frame">An envelope: it has an <c>envelope_id</c>.</param>
    /// <param name="sendAck">Sends <c>{"envelope_id": ..., "payload": ...}</c> on the socket the envelope came in on.</param>
    /// <param name="cancellationToken">Stops the handler's later work (the host is stopping).</param>
    public async Task DispatchAsync(SocketFrame frame, Func<JsonObject?, Task> sendAck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(sendAck);
        var envelopeId = frame.EnvelopeId ?? string.Empty;
        var ack = new AckOnce(frame.AcceptsResponsePayload ? sendAck : _ => sendAck(null));
        if (!seen.FirstTime(DedupeKey(frame)))
        {
            Log.EnvelopeRedelivered(logger, envelopeId, frame.RetryAttempt ?? 0);
            await ack.SendAsync(null);
            return;
        }

        using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var safetyNet = AckWhenLateAsync(ack, envelopeId, late.Token);
        var replayKey = "envelope:" + envelopeId;
        try
        {
            switch (frame.Type)
            {
                case SocketFrame.SlashCommands when Read<SlashCommand>(frame) is { } command:
                    await handler.HandleCommandAsync(command, ack.SendAsync, cancellationToken, replayKey);
                    break;
                case SocketFrame.SlashCommands:
                    await ack.SendAsync(SlackRequestHandler.Payload(Core.Chat.ChatMessage.Error("I couldn't read this command; please try again.")));
                    break;
                case SocketFrame.Interactive when Read<InteractivePayload>(frame) is { } interactive:
                    await handler.HandleInteractiveAsync(interactive, ack.SendAsync, cancellationToken, replayKey);
                    break;
                default:
                    // Events are not subscribed to; anything else (or unreadable) is acknowledged so Slack stops resending it.
                    Log.UnknownPayload(logger, frame.Type ?? "?");
                    await ack.SendAsync(null);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Never let one envelope take the connection down.
            Log.RequestFailed(logger, frame.Type ?? "envelope", ex);
        }
        finally
        {
            await ack.SendAsync(null);
            await late.CancelAsync();
            await safetyNet;
        }
    }

    /// <summary>The envelope's payload as <typeparamref name="T"/>; null when it is missing or not that shape.</summary>
    private T? Read<T>(SocketFrame frame)
        where T : class
    {
        if (frame.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            Log.MalformedPayload(logger, frame.Type ?? "envelope", "payload is not an object");
            return null;
        }

        try
        {
            return payload.Deserialize<T>(SlackJson.Options);
        }
        catch (JsonException ex)
        {
            Log.MalformedPayload(logger, frame.Type ?? "envelope", ex.GetType().Name);
            return null;
        }
    }

    private static string DedupeKey(SocketFrame frame) =>
        frame.Type == SocketFrame.EventsApi && frame.Payload is { ValueKind: JsonValueKind.Object } payload
            && payload.TryGetProperty("event_id", out var eventId) && eventId.GetString() is { Length: > 0 } id
            ? "event:" + id
            : "envelope:" + frame.EnvelopeId;

    private async Task AckWhenLateAsync(AckOnce ack, string envelopeId, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(AckDeadline, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!ack.Sent)
        {
            Log.AckLate(logger, envelopeId);
            await ack.SendAsync(null);
        }
    }

    /// <summary>Lets the first acknowledgement through and drops the rest.</summary>
    private sealed class AckOnce(Func<JsonObject?, Task> send)
    {
        private int _sent;

        public bool Sent => Volatile.Read(ref _sent) == 1;

        public Task SendAsync(JsonObject? payload) => Interlocked.Exchange(ref _sent, 1) == 0 ? send(payload) : Task.CompletedTask;
    }
}
