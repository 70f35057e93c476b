using Microsoft.Extensions.Logging;
using SeedanceBot.Slack.WebApi;

namespace SeedanceBot.Slack.SocketMode;

/// <summary>
/// Keeps one live Socket Mode connection. Every connect fetches a fresh URL (apps.connections.open with the app-level
/// token). A <c>disconnect</c> (refresh, warning, or a reason not known here) opens the replacement first and retires
/// the old connection only once the new one said <c>hello</c>, so no command falls between them; a dropped socket is
/// reconnected with exponential backoff and jitter; <c>link_disabled</c> and a refused token stop it with a clear log.
/// </summary>
internal sealed class SocketModeClient(
    ISlackWebApi api,
    ISocketModeConnectionFactory connections,
    SocketEnvelopeDispatcher dispatcher,
    TimeProvider time,
    ILogger<SocketModeClient> logger,
    Core.Diagnostics.BotMetrics metrics)
{
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    /// <summary>For tests: a value in [0, 1) that spreads reconnects.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    public SocketModeStatus Status { get; private set; } = SocketModeStatus.Connecting;

    /// <summary>How many connections were opened (each with a fresh URL).</summary>
    public int ConnectionsOpened { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        SocketLink? previous = null;
        SocketLink? link = null;
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                link = null;
                try
                {
                    if (ConnectionsOpened > 0)
                    {
                        metrics.Reconnected(Events.SlackRequestHandler.PlatformName);
                    }

                    var url = await api.OpenConnectionAsync(cancellationToken);
                    link = new SocketLink(connections.Create(), dispatcher, logger, cancellationToken);
                    ConnectionsOpened++;
                    await link.StartAsync(url, cancellationToken);
                    // Which task "won" is not the question: their continuations run on the thread pool in any order, so a
                    // hello followed at once by a disconnect can look like a disconnect first. Ask what actually happened.
                    await Task.WhenAny(link.Hello, link.Ended, Task.Delay(HelloTimeout, time, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!link.Hello.IsCompletedSuccessfully)
                    {
                        if (link.Ended is { IsCompletedSuccessfully: true, Result: LinkEnd.Disabled })
                        {
                            await StopDisabledAsync(link);
                            link = null;
                            return;
                        }

                        Log.SocketNoHello(logger);
                        await link.RetireAsync(time);
                        link = null;
                        await BackoffAsync(++failures, cancellationToken);
                        continue;
                    }

                    failures = 0;
                    Status = SocketModeStatus.Connected;
                    var reported = await link.Hello;
                    Log.SocketConnected(logger, reported);
                    if (previous is not null)
                    {
                        await previous.RetireAsync(time);
                        previous = null;
                    }

                    var end = await link.Ended.WaitAsync(cancellationToken);
                    switch (end)
                    {
                        case LinkEnd.Disabled:
                            await StopDisabledAsync(link);
                            link = null;
                            return;
                        case LinkEnd.Refresh:
                            // The old link keeps answering until the new one is up.
                            previous = link;
                            link = null;
                            break;
                        case LinkEnd.TooMany:
                            // Close what is open before opening anything new, and do not hammer apps.connections.open.
                            await link.RetireAsync(time);
                            link = null;
                            if (previous is not null)
                            {
                                await previous.RetireAsync(time);
                                previous = null;
                            }

                            await BackoffAsync(++failures, cancellationToken);
                            break;
                        default:
                            Status = SocketModeStatus.Connecting;
                            await link.RetireAsync(time);
                            link = null;
                            await BackoffAsync(++failures, cancellationToken);
                            break;
                    }
                }
                catch (SlackApiException ex) when (ex.IsFatalAuth)
                {
                    Log.SocketFatal(logger, ex.Error);
                    Status = SocketModeStatus.Stopped;
                    if (link is not null)
                    {
                        await link.RetireAsync(time);
                        link = null;
                    }

                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.SocketFailed(logger, ex);
                    Status = SocketModeStatus.Connecting;
                    if (link is not null)
                    {
                        await link.RetireAsync(time);
                        link = null;
                    }

                    await BackoffAsync(++failures, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var open in new[] { previous, link })
            {
                if (open is not null)
                {
                    await open.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Socket Mode was turned off for the app: reconnecting cannot help.</summary>
    private async Task StopDisabledAsync(SocketLink link)
    {
        Log.SocketDisabled(logger);
        Status = SocketModeStatus.Stopped;
        await link.RetireAsync(time);
    }

    private async Task BackoffAsync(int failures, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16)));
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Jitter() * 0.5)));
        Log.SocketReconnecting(logger, delay.TotalMilliseconds, failures);
        await Task.Delay(delay, time, cancellationToken);
    }
}
