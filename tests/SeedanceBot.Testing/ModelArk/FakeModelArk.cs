using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// A fake BytePlus ModelArk written from ../shared/specs/modelark.md: the content generation task routes under
/// <c>/api/v3/contents/generations/tasks</c> (create, get, list, cancel/delete; Bearer API key; errors as
/// <c>{"error":{"code","message","param","type"}}</c>; no rate-limit headers; list items in their own shape, see
/// <see cref="ListShape"/>), task statuses derived from the given
/// clock (<see cref="QueueTime"/>, <see cref="RunTime"/>, <c>execution_expires_after</c>), results at presigned,
/// GET-only URLs valid 24 hours, and <c>callback_url</c> posts on every status change. Kestrel on 127.0.0.1, port 0.
/// </summary>
public sealed class FakeModelArk : IAsyncDisposable
{
    public const string ApiKey = "ark-fake-key-123";
    public const string Model = "dreamina-seedance-2-0-260128";

    /// <summary>How many more times Ark posts a <c>succeeded</c>, <c>failed</c> or <c>expired</c> callback that was not acknowledged (spec §1).</summary>
    public const int CallbackRetries = 3;

    public const int FramesPerSecond = 24;

    /// <summary>Task records are kept for 7 days (spec §1): older tasks are gone from get, list and delete.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>A cancelled task is deleted automatically after 24 hours (spec §1).</summary>
    public static readonly TimeSpan CancelledRetention = TimeSpan.FromHours(24);

    /// <summary>Presigned result URLs carry <c>X-Tos-Expires=86400</c> (spec §1).</summary>
    public static readonly TimeSpan ResultUrlLifetime = TimeSpan.FromHours(24);

    private const string ApiPrefix = "/api/v3";
    private const string TasksPath = "/contents/generations/tasks";
    private const string ObjectPrefix = "/tos/";
    private const string Queued = "queued";
    private const string Running = "running";
    private const string Succeeded = "succeeded";
    private const string Failed = "failed";
    private const string Expired = "expired";
    private const string Cancelled = "cancelled";

    /// <summary>A timer on <see cref="TimeProvider.System"/> cannot wait much beyond 49 days; longer waits are re-armed.</summary>
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(30);

    /// <summary>Wire JSON keeps <c>&amp;</c> in presigned URLs literal rather than <c>\u0026</c>.</summary>
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Statuses = [Queued, Running, Succeeded, Failed, Expired, Cancelled];

    /// <summary>A 1280x720 PNG, served as <c>content.last_frame_url</c> when <c>return_last_frame</c> is set (a Continue sends it back as a first frame).</summary>
    public static byte[] LastFramePng { get; } = Images.TestImages.Png(1280, 720);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<ArkTaskState> _tasks = [];
    private int _mostActiveAtOnce;
    private readonly Dictionary<string, ArkTaskState> _byId = new(StringComparer.Ordinal);
    private readonly Queue<InjectedFailure> _failures = new();
    private readonly Random _random = new(20260128);
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _shutdown = new();
    private long _counter;
    private int _timeoutsPending;
    private bool _disposed;

    private FakeModelArk(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>The server's root, with a trailing slash; presigned result URLs live at <c>{BaseAddress}tos/…</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API base to configure, without a trailing slash (<c>http://127.0.0.1:port/api/v3</c>).</summary>
    public Uri BaseUrl => new(BaseAddress, "api/v3");

    /// <summary>Every request received (API calls and result downloads), in order.</summary>
    public ConcurrentQueue<FakeArkRequest> Requests { get; } = new();

    /// <summary>Every attempt to post to a task's <c>callback_url</c>, in the order the attempts finished.</summary>
    public ConcurrentQueue<FakeArkCallback> CallbackAttempts { get; } = new();

    /// <summary>The tasks the API still knows (not deleted, within retention), in creation order, as they stand now on the fake clock.</summary>
    public IReadOnlyList<FakeArkTask> Tasks
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return [.. _tasks.Where(t => IsVisible(t, now)).Select(t => ToSnapshot(t, t.IndexAt(now)))];
            }
        }
    }

    /// <summary>
    /// The shape of the list call's items: by default the real list item (spec §1: <c>failure_reason</c>, no
    /// resolution, ratio or duration), which is not GET's task object.
    /// </summary>
    public FakeArkListShape ListShape { get; set; } = FakeArkListShape.ListItem;

    /// <summary>While set and not completed, list calls wait for it before they answer.</summary>
    public TaskCompletionSource? HoldListCalls { get; set; }

    /// <summary>The most tasks queued or running at once, counted at each create (the new one included).</summary>
    public int MostActiveAtOnce
    {
        get
        {
            lock (_gate)
            {
                return _mostActiveAtOnce;
            }
        }
    }

    /// <summary>Time from creation to <c>running</c> on the fake clock. Read when a task is created.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time from <c>running</c> to <c>succeeded</c> (or <c>failed</c>) on the fake clock. Read when a task is created.</summary>
    public TimeSpan RunTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many queued or running tasks the account may have. A create that would exceed it answers HTTP 429
    /// <c>QuotaExceeded</c>. The spec gives the limit (3 concurrent tasks for an individual account) and lists
    /// <c>QuotaExceeded</c> among the 429 codes, but not what Ark does past the limit (it may well queue the task up to
    /// the 120-queued cap): the fake takes the stricter reading, so a client must cope with the refusal.
    /// </summary>
    public int MaxConcurrentTasks { get; set; } = 3;

    /// <summary>Models (or <c>ep-…</c> endpoint IDs) activated on the account. Another model answers 404 <c>InvalidEndpointOrModel.NotFound</c>.</summary>
    public HashSet<string> OpenModels { get; } = [Model];

    /// <summary>Every authenticated API call answers 403 <c>AccountOverdueError</c> (how "out of credit" shows up, spec §1).</summary>
    public bool AccountOverdue { get; set; }

    /// <summary>
    /// While set, new tasks end <c>failed</c> with this code (e.g. <c>OutputVideoSensitiveContentDetected</c>; GET's
    /// <c>error.code</c>, the list item's <c>failure_reason.code</c>) when they would have succeeded. Read when a task is created.
    /// </summary>
    public string? FailTaskWith { get; set; }

    /// <summary>How long a callback receiver has to answer 2xx before the attempt counts as unacknowledged (real time; 5 s in the spec).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A small MP4 (an <c>ftyp</c> box, bytes 4..7, then an <c>mdat</c> box), served at every presigned <c>video_url</c>.</summary>
    public byte[] VideoBytes { get; } =
    [
        0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
        0x00, 0x00, 0x02, 0x00, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'2',
        0x00, 0x00, 0x00, 0x10, (byte)'m', (byte)'d', (byte)'a', (byte)'t', 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
    ];

    public static async Task<FakeModelArk> StartAsync(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var app = LoopbackServer.Create();
        var fake = new FakeModelArk(app, time);
        app.Run(fake.HandleAsync);
        fake.BaseAddress = await LoopbackServer.StartAsync(app);
        return fake;
    }

    /// <summary>
    /// The next <paramref name="times"/> requests, on any route (result downloads included) and before authentication,
    /// answer <paramref name="status"/> with <c>{"error":{"code":<paramref name="code"/>,…}}</c> and, when given, a
    /// <c>Retry-After</c> header.
    /// </summary>
    public void FailNext(int status, string code, int times = 1, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _failures.Enqueue(new InjectedFailure(status, code, retryAfterSeconds));
            }
        }
    }

    /// <summary>
    /// The next create that passes validation creates its task and then aborts the connection instead of answering,
    /// so the client cannot tell whether the task exists (it does, and shows up in list).
    /// </summary>
    public void TimeoutNextCreate() => Interlocked.Increment(ref _timeoutsPending);

    /// <summary>Ends a queued or running task as <c>expired</c> now (as if <c>execution_expires_after</c> had run out).</summary>
    public void Expire(string taskId) => End(taskId, new Transition(Expired, _time.GetUtcNow()));

    /// <summary>
    /// Ends a queued or running task as <c>failed</c> now, with <paramref name="code"/> and <paramref name="message"/>
    /// (default "The task failed: {code}.") in GET's <c>error</c> and the list item's <c>failure_reason</c>.
    /// </summary>
    public void Fail(string taskId, string code, string? message = null) => End(taskId, new Transition(Failed, _time.GetUtcNow(), code, message));

    /// <summary>Waits (in real time, while the clock may be driven elsewhere) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    private void End(string taskId, Transition end)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_byId.TryGetValue(taskId, out var task) || !IsVisible(task, now))
            {
                throw new InvalidOperationException($"The fake ModelArk has no task {taskId}.");
            }

            var status = task.Timeline[task.IndexAt(now)].Status;
            if (status is not (Queued or Running))
            {
                throw new InvalidOperationException($"Task {taskId} is already {status}.");
            }

            task.EndAt(now, end);
            Sweep(task, now);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var fullPath = request.Path.Value ?? string.Empty;
        var isApi = fullPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal);
        var recorded = new FakeArkRequest(request.Method, isApi ? fullPath[ApiPrefix.Length..] : fullPath, request.QueryString.Value ?? string.Empty,
            request.Headers.Authorization is { Count: > 0 } authorization ? authorization.ToString() : null, body, _time.GetUtcNow());
        Requests.Enqueue(recorded);
        context.Response.Headers["X-Request-Id"] = NewRequestId();

        InjectedFailure? injected = null;
        lock (_gate)
        {
            _failures.TryDequeue(out injected);
        }

        if (injected is not null)
        {
            if (injected.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, new ArkError(injected.Status, injected.Code, $"fake: injected {injected.Code}"));
            return;
        }

        if (fullPath.StartsWith(ObjectPrefix, StringComparison.Ordinal))
        {
            await ServeObjectAsync(context, fullPath);
            return;
        }

        if (!isApi || !(recorded.Path == TasksPath || recorded.Path.StartsWith(TasksPath + "/", StringComparison.Ordinal)))
        {
            await ErrorAsync(context, new ArkError(404, "NotFound", $"fake: no route {request.Method} {fullPath}"));
            return;
        }

        if (recorded.Authorization != "Bearer " + ApiKey)
        {
            await ErrorAsync(context, new ArkError(401, "AuthenticationError",
                "The API key in the request is missing or invalid. Send it as Authorization: Bearer <ARK_API_KEY>."));
            return;
        }

        if (AccountOverdue)
        {
            await ErrorAsync(context, new ArkError(403, "AccountOverdueError",
                "The request failed because your account has an overdue balance. Top up and try again."));
            return;
        }

        var rest = recorded.Path[TasksPath.Length..].TrimEnd('/');
        if (rest.Length == 0)
        {
            switch (request.Method)
            {
                case "POST":
                    await CreateAsync(context, body);
                    return;
                case "GET":
                    await ListAsync(context);
                    return;
            }
        }
        else if (rest.LastIndexOf('/') == 0)
        {
            var id = Uri.UnescapeDataString(rest[1..]);
            switch (request.Method)
            {
                case "GET":
                    await GetAsync(context, id);
                    return;
                case "DELETE":
                    await DeleteAsync(context, id);
                    return;
            }
        }

        await ErrorAsync(context, new ArkError(404, "NotFound", $"fake: no route {request.Method} {fullPath}"));
    }

    private async Task CreateAsync(HttpContext context, string text)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            await ErrorAsync(context, ArkError.Invalid("body", "the request body must be a JSON object."));
            return;
        }

        if (!body.ContainsKey("model"))
        {
            await ErrorAsync(context, ArkError.Missing("model"));
            return;
        }

        if (body["model"] is not JsonValue modelValue || modelValue.GetValueKind() != JsonValueKind.String || modelValue.GetValue<string>() is not { Length: > 0 } model)
        {
            await ErrorAsync(context, ArkError.Invalid("model", "must be a non-empty string."));
            return;
        }

        bool open;
        lock (OpenModels)
        {
            open = OpenModels.Contains(model);
        }

        if (!open)
        {
            await ErrorAsync(context, new ArkError(404, "InvalidEndpointOrModel.NotFound",
                $"The model or endpoint {model} does not exist or you do not have access to it (ModelNotOpen: activate the model in the ModelArk console).", "model"));
            return;
        }

        var (options, error) = ArkCreateValidator.Validate(body, model);
        if (error is not null)
        {
            await ErrorAsync(context, error);
            return;
        }

        string id;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var active = _tasks.Count(t => IsVisible(t, now) && t.Timeline[t.IndexAt(now)].Status is Queued or Running);
            if (active >= MaxConcurrentTasks)
            {
                id = string.Empty;
            }
            else
            {
                var task = NewTask(body, options!, now);
                _mostActiveAtOnce = Math.Max(_mostActiveAtOnce, active + 1);
                _tasks.Add(task);
                _byId[task.Id] = task;
                Sweep(task, now);
                id = task.Id;
            }
        }

        if (id.Length == 0)
        {
            await ErrorAsync(context, new ArkError(429, "QuotaExceeded",
                $"too many concurrent tasks: the account may have at most {MaxConcurrentTasks} queued or running tasks."));
            return;
        }

        if (TryTakeTimeout())
        {
            context.Abort();
            return;
        }

        await JsonAsync(context, new JsonObject { ["id"] = id });
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        JsonObject? wire = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_byId.TryGetValue(id, out var task) && IsVisible(task, now))
            {
                Sweep(task, now);
                wire = ToWire(task, task.IndexAt(now));
            }
        }

        await (wire is null ? ErrorAsync(context, NotFound(id)) : JsonAsync(context, wire));
    }

    private async Task ListAsync(HttpContext context)
    {
        if (HoldListCalls is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        var query = context.Request.Query;
        if (ReadPaging(query, "page_num", 1, out var pageNum) is { } pageNumError)
        {
            await ErrorAsync(context, pageNumError);
            return;
        }

        if (ReadPaging(query, "page_size", 10, out var pageSize) is { } pageSizeError)
        {
            await ErrorAsync(context, pageSizeError);
            return;
        }

        var status = query["filter.status"].ToString();
        if (status.Length > 0 && !Statuses.Contains(status))
        {
            await ErrorAsync(context, ArkError.Invalid("filter.status", $"must be one of {string.Join(", ", Statuses)}."));
            return;
        }

        var ids = query["filter.task_ids"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToHashSet(StringComparer.Ordinal);
        var model = query["filter.model"].ToString();
        var tier = query["filter.service_tier"].ToString();
        var shape = ListShape;
        JsonObject page;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var matching = new List<JsonObject>();
            for (var i = _tasks.Count - 1; i >= 0; i--)
            {
                var task = _tasks[i];
                if (!IsVisible(task, now))
                {
                    continue;
                }

                Sweep(task, now);
                var index = task.IndexAt(now);
                if ((status.Length == 0 || task.Timeline[index].Status == status)
                    && (ids.Count == 0 || ids.Contains(task.Id))
                    && (model.Length == 0 || task.Options.Model == model)
                    && (tier.Length == 0 || task.Options.ServiceTier == tier))
                {
                    matching.Add(shape == FakeArkListShape.TaskShape ? ToWire(task, index) : ToListItem(task, index, shape));
                }
            }

            page = new JsonObject
            {
                ["items"] = new JsonArray([.. matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNum - 1) * pageSize)).Take(pageSize)]),
                ["total"] = matching.Count,
            };
        }

        await JsonAsync(context, page);
    }

    private async Task DeleteAsync(HttpContext context, string id)
    {
        ArkError? error = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_byId.TryGetValue(id, out var task) || !IsVisible(task, now))
            {
                error = NotFound(id);
            }
            else
            {
                Sweep(task, now);
                switch (task.Timeline[task.IndexAt(now)].Status)
                {
                    case Queued:
                        task.EndAt(now, new Transition(Cancelled, now));
                        Sweep(task, now);
                        break;
                    case Succeeded or Failed or Expired:
                        task.Deleted = true;
                        task.Timer?.Dispose();
                        task.Timer = null;
                        break;
                    default:
                        // The spec says running and cancelled tasks cannot be deleted but not with which code; the fake
                        // uses the one 400 sub-code the spec names for task constraints.
                        error = new ArkError(400, "InvalidParameter.TaskTypeConstraint",
                            $"Task {id} is {task.Timeline[task.IndexAt(now)].Status}: only queued tasks can be cancelled and only finished tasks deleted.", "id");
                        break;
                }
            }
        }

        await (error is null ? JsonAsync(context, new JsonObject()) : ErrorAsync(context, error));
    }

    /// <summary>A presigned result download: GET only (HEAD and others 403), signature checked, 24 hours on the fake clock.</summary>
    private async Task ServeObjectAsync(HttpContext context, string path)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            // The signature is bound to GET (spec §1): a HEAD is refused, with no body as HEAD must have none.
            context.Response.StatusCode = 403;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await ObjectErrorAsync(context, "SignatureDoesNotMatch", "The presigned URL is valid for GET only.");
            }

            return;
        }

        var query = context.Request.Query;
        var date = query["X-Tos-Date"].ToString();
        var expires = query["X-Tos-Expires"].ToString();
        var expected = Sign(path, date, expires);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(query["X-Tos-Signature"].ToString()))
            || !DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            context.Response.StatusCode = 403;
            await ObjectErrorAsync(context, "SignatureDoesNotMatch", "The request signature does not match.");
            return;
        }

        if (_time.GetUtcNow() >= signedAt.AddSeconds(seconds))
        {
            context.Response.StatusCode = 403;
            await ObjectErrorAsync(context, "AccessDenied", "Request has expired.");
            return;
        }

        var (bytes, type) = path.EndsWith(".png", StringComparison.Ordinal) ? (LastFramePng, "image/png") : (VideoBytes, "video/mp4");
        context.Response.StatusCode = 200;
        context.Response.ContentType = type;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private ArkTaskState NewTask(JsonObject body, ArkCreateOptions options, DateTimeOffset now)
    {
        var number = ++_counter;
        var id = "cgt-" + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var runningAt = Add(now, QueueTime);
        var finishedAt = Add(runningAt, RunTime);
        var expiresAt = now.AddSeconds(options.ExecutionExpiresAfter);
        var timeline = new List<Transition> { new(Queued, now) };
        if (expiresAt < finishedAt)
        {
            if (runningAt < expiresAt)
            {
                timeline.Add(new Transition(Running, runningAt));
            }

            timeline.Add(new Transition(Expired, expiresAt));
        }
        else
        {
            timeline.Add(new Transition(Running, runningAt));
            timeline.Add(FailTaskWith is { } code ? new Transition(Failed, finishedAt, code) : new Transition(Succeeded, finishedAt));
        }

        // -1 (or no seed) means "random"; the task object reports the seed that was used.
        var seed = options.Seed ?? _random.NextInt64(0, ArkCreateValidator.MaxSeed + 1);
        return new ArkTaskState(id, body.DeepClone().AsObject(), options, now, seed, timeline);
    }

    private static bool IsVisible(ArkTaskState task, DateTimeOffset now)
    {
        if (task.Deleted || now - task.CreatedAt >= Retention)
        {
            return false;
        }

        var current = task.Timeline[task.IndexAt(now)];
        return current.Status != Cancelled || now - current.At < CancelledRetention;
    }

    /// <summary>
    /// Posts the callbacks for every transition reached since the last sweep (in order; the body is the task as it was
    /// at that transition) and arms a timer on the fake clock for the next one. Called under the lock.
    /// </summary>
    private void Sweep(ArkTaskState task, DateTimeOffset now)
    {
        var index = task.IndexAt(now);
        for (var i = task.Notified + 1; i <= index; i++)
        {
            var status = task.Timeline[i].Status;
            if (task.Options.CallbackUrl is { } url && status != Cancelled)
            {
                var body = ToWire(task, i).ToJsonString(WireJson);
                var attempts = status is Succeeded or Failed or Expired ? 1 + CallbackRetries : 1;
                var previous = task.Deliveries;
                task.Deliveries = Task.Run(async () =>
                {
                    await previous;
                    await DeliverAsync(task.Id, status, url, body, attempts);
                });
            }
        }

        task.Notified = Math.Max(task.Notified, index);
        if (task.Options.CallbackUrl is null || _disposed)
        {
            return;
        }

        var next = task.Timeline.Skip(index + 1).FirstOrDefault(t => t.At > now);
        if (next is null)
        {
            task.Timer?.Dispose();
            task.Timer = null;
            return;
        }

        // A fresh one-shot timer each time: FakeTimeProvider forgets a one-shot timer that is re-armed with Change
        // from inside its own callback.
        var due = next.At - now > MaxTimerWait ? MaxTimerWait : next.At - now;
        var old = task.Timer;
        task.Timer = null;
        old?.Dispose();
        task.Timer = _time.CreateTimer(OnTimer, task, due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(object? state)
    {
        lock (_gate)
        {
            if (!_disposed && state is ArkTaskState { Deleted: false } task)
            {
                Sweep(task, _time.GetUtcNow());
            }
        }
    }

    private async Task DeliverAsync(string taskId, string status, Uri url, string body, int attempts)
    {
        for (var attempt = 1; attempt <= attempts && !_shutdown.IsCancellationRequested; attempt++)
        {
            int? responseStatus = null;
            string? failure = null;
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            attemptCts.CancelAfter(CallbackTimeout);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(url, content, attemptCts.Token);
                responseStatus = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                failure = "timeout";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }

            var record = new FakeArkCallback(taskId, status, url, attempt, body, responseStatus, failure, _time.GetUtcNow());
            CallbackAttempts.Enqueue(record);
            if (record.Acknowledged)
            {
                return;
            }
        }
    }

    /// <summary>What a finished task's video cost in tokens: its pixels, frames per second and length.</summary>
    private static long Tokens(ArkTaskState task)
    {
        var (width, height) = Dimensions(task.Options.Resolution, task.Ratio);
        return (long)width * height * FramesPerSecond * task.Duration / 1024;
    }

    /// <summary>The task object of spec §1 as it was at transition <paramref name="index"/>.</summary>
    private JsonObject ToWire(ArkTaskState task, int index)
    {
        var transition = task.Timeline[index];
        var options = task.Options;
        var succeeded = transition.Status == Succeeded;
        var tokens = Tokens(task);
        return new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = options.Model,
            ["status"] = transition.Status,
            ["error"] = transition.ErrorCode is { } code
                ? new JsonObject { ["code"] = code, ["message"] = transition.Message }
                : null,
            ["content"] = succeeded ? ResultContent(task, transition.At) : null,
            ["usage"] = succeeded ? new JsonObject { ["completion_tokens"] = tokens, ["total_tokens"] = tokens } : null,
            ["created_at"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["updated_at"] = transition.At.ToUnixTimeSeconds(),
            ["seed"] = task.Seed,
            ["resolution"] = options.Resolution,
            ["ratio"] = task.Ratio,
            ["duration"] = task.Duration,
            ["framespersecond"] = FramesPerSecond,
            ["service_tier"] = options.ServiceTier,
            ["execution_expires_after"] = options.ExecutionExpiresAfter,
            ["generate_audio"] = options.GenerateAudio,
            ["draft"] = false,
            ["priority"] = options.Priority,
        };
    }

    /// <summary>
    /// A list item of spec §1 (the SDKs' <c>ListContentGenerationTaskItem</c>) as the task was at transition
    /// <paramref name="index"/>: the reason of a failure in <c>failure_reason</c>, <c>frames</c> instead of
    /// <c>duration</c>, and no <c>resolution</c> or <c>ratio</c>.
    /// </summary>
    private JsonObject ToListItem(ArkTaskState task, int index, FakeArkListShape shape)
    {
        var transition = task.Timeline[index];
        var options = task.Options;
        var succeeded = transition.Status == Succeeded;
        var tokens = Tokens(task);
        return new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = options.Model,
            ["status"] = transition.Status,
            ["failure_reason"] = transition.ErrorCode is not { } code ? null
                : shape == FakeArkListShape.ListItemWithReasonAsString ? JsonValue.Create(code)
                : new JsonObject { ["code"] = code, ["message"] = transition.Message },
            ["content"] = succeeded ? new JsonObject { ["video_url"] = PresignedUrl(task.Id + ".mp4", transition.At) } : null,
            ["usage"] = succeeded ? new JsonObject { ["completion_tokens"] = tokens, ["total_tokens"] = tokens } : null,
            ["seed"] = task.Seed,
            ["created_at"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["updated_at"] = transition.At.ToUnixTimeSeconds(),
            ["frames"] = (task.Duration * FramesPerSecond) + 1,
            ["framespersecond"] = FramesPerSecond,
            ["service_tier"] = options.ServiceTier,
            ["execution_expires_after"] = options.ExecutionExpiresAfter,
            ["generate_audio"] = options.GenerateAudio,
        };
    }

    private FakeArkTask ToSnapshot(ArkTaskState task, int index)
    {
        var transition = task.Timeline[index];
        return new FakeArkTask(task.Id, task.Options.Model, transition.Status, task.CreatedAt.ToUnixTimeSeconds(), transition.At.ToUnixTimeSeconds(),
            task.Request.DeepClone().AsObject(), task.Options.CallbackUrl?.ToString(), transition.ErrorCode,
            transition.Status == Succeeded ? PresignedUrl(task.Id + ".mp4", transition.At) : null);
    }

    private JsonObject ResultContent(ArkTaskState task, DateTimeOffset succeededAt)
    {
        var content = new JsonObject { ["video_url"] = PresignedUrl(task.Id + ".mp4", succeededAt) };
        if (task.Options.ReturnLastFrame)
        {
            content["last_frame_url"] = PresignedUrl(task.Id + "-last.png", succeededAt);
        }

        return content;
    }

    /// <summary>A TOS-style presigned URL on this fake, signed for GET at <paramref name="signedAt"/>, valid 24 hours.</summary>
    private string PresignedUrl(string file, DateTimeOffset signedAt)
    {
        var path = ObjectPrefix + file;
        var date = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var expires = ((int)ResultUrlLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{path}?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Date={date}"
            + $"&X-Tos-Expires={expires}&X-Tos-SignedHeaders=host&X-Tos-Signature={Sign(path, date, expires)}";
    }

    private string Sign(string path, string date, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"GET\n{path}\n{date}\n{expires}")));

    private bool TryTakeTimeout()
    {
        int pending;
        do
        {
            pending = Volatile.Read(ref _timeoutsPending);
            if (pending == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _timeoutsPending, pending - 1, pending) != pending);

        return true;
    }

    private string NewRequestId() =>
        _time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..18];

    private static ArkError? ReadPaging(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given is >= 1 and <= 500)
        {
            value = given;
            return null;
        }

        return ArkError.Invalid(name, "must be an integer in [1, 500].");
    }

    /// <summary>Width and height for the billing estimate (tokens ≈ W×H×fps×seconds/1024): the short side is the resolution.</summary>
    private static (int Width, int Height) Dimensions(string resolution, string ratio)
    {
        var shortSide = resolution switch { "480p" => 480, "1080p" => 1080, _ => 720 };
        var parts = ratio.Split(':');
        var a = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var b = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var longSide = (int)Math.Round(shortSide * (double)Math.Max(a, b) / Math.Min(a, b) / 2) * 2;
        return a >= b ? (longSide, shortSide) : (shortSide, longSide);
    }

    private static DateTimeOffset Add(DateTimeOffset at, TimeSpan span) =>
        span <= TimeSpan.Zero ? at : DateTimeOffset.MaxValue - at <= span ? DateTimeOffset.MaxValue : at + span;

    private static ArkError NotFound(string id) => new(404, "ResourceNotFound", $"The specified task {id} is not found.", "id");

    private static async Task JsonAsync(HttpContext context, JsonNode node, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(node.ToJsonString(WireJson));
    }

    private static Task ErrorAsync(HttpContext context, ArkError error) => JsonAsync(context, error.ToJson(), error.Status);

    /// <summary>The spec does not give TOS's error body; the fake answers a small JSON object.</summary>
    private static async Task ObjectErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["Code"] = code, ["Message"] = message }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        Task[] deliveries;
        lock (_gate)
        {
            _disposed = true;
            foreach (var task in _tasks)
            {
                task.Timer?.Dispose();
                task.Timer = null;
            }

            deliveries = [.. _tasks.Select(t => t.Deliveries)];
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(deliveries);
        _http.Dispose();
        _shutdown.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A status the task reaches at <see cref="At"/>; <see cref="ErrorCode"/> and <see cref="ErrorMessage"/> go with <c>failed</c>.</summary>
    private sealed record Transition(string Status, DateTimeOffset At, string? ErrorCode = null, string? ErrorMessage = null)
    {
        public string Message => ErrorMessage ?? $"The task failed: {ErrorCode}.";
    }

    private sealed record InjectedFailure(int Status, string Code, int? RetryAfterSeconds);

    /// <summary>
    /// A task and its timeline: the statuses it passes through and when, fixed at creation from the clock and the
    /// fake's settings, cut short by cancel, <see cref="Expire"/> or <see cref="Fail"/>. Guarded by the fake's lock.
    /// </summary>
    private sealed class ArkTaskState(string id, JsonObject request, ArkCreateOptions options, DateTimeOffset createdAt, long seed, List<Transition> timeline)
    {
        public string Id { get; } = id;

        public JsonObject Request { get; } = request;

        public ArkCreateOptions Options { get; } = options;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public long Seed { get; } = seed;

        /// <summary><c>adaptive</c> lets the model choose; with text alone the fake reports 16:9.</summary>
        public string Ratio { get; } = options.Ratio == "adaptive" ? "16:9" : options.Ratio;

        /// <summary><c>-1</c> lets the model choose; the fake reports the default, 5 s.</summary>
        public int Duration { get; } = options.Duration == -1 ? ArkCreateValidator.DefaultDuration : options.Duration;

        public List<Transition> Timeline { get; } = timeline;

        /// <summary>The last transition whose callback was sent (or that was passed over, without a callback_url).</summary>
        public int Notified { get; set; } = -1;

        public bool Deleted { get; set; }

        public ITimer? Timer { get; set; }

        /// <summary>The chain of callback posts, so that they reach the receiver in status order.</summary>
        public Task Deliveries { get; set; } = Task.CompletedTask;

        /// <summary>The index of the status in force at <paramref name="now"/>: the last transition at or before it.</summary>
        public int IndexAt(DateTimeOffset now)
        {
            var index = 0;
            for (var i = 1; i < Timeline.Count; i++)
            {
                if (Timeline[i].At <= now)
                {
                    index = i;
                }
            }

            return index;
        }

        /// <summary>Drops the transitions still ahead and ends the task with <paramref name="end"/>.</summary>
        public void EndAt(DateTimeOffset now, Transition end)
        {
            Timeline.RemoveAll(t => t.At > now);
            Timeline.Add(end);
        }
    }
}
