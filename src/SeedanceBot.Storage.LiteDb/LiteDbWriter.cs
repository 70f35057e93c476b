using System.Threading.Channels;
using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// The file's one writer, committing in groups. Writes queue here; one loop on its own thread takes every write waiting when it comes
/// round (up to <see cref="MaxGroup"/>), runs them one after another inside one transaction — each sees the ones before
/// it, so a quota check still counts every reservation ahead of it — commits once, puts the commit on disk
/// (<see cref="LiteDbFile.FlushToDisk"/>) and only then answers them all, so a burst of 200 commands costs a few commits,
/// not 200, and nobody is answered before their write would survive the process being killed or the power going. A write
/// that throws rolls its group back; the group's writes then run again one transaction each, so only the faulty one fails.
/// Writes must be synchronous, repeatable work on the database (no side effects outside it). A reservation decides first
/// and writes later (<see cref="StageAsync{T}"/>): every reservation of a group is decided, and its caller told, before
/// the group's inserts are made, so the last of 200 is not decided after 199 inserts with their indexes.
/// </summary>
/// <remarks>
/// Writes someone's acknowledgement waits for (<see cref="WriteLane.Answer"/>: a reservation, a request taken) go
/// first: a group takes every one waiting and at most <see cref="BackgroundShare"/> of the job engine's own writes
/// beside them, so a burst of commands is not held up behind the engine's updates of earlier jobs, and the engine still
/// moves on while the commands keep coming. Within each lane the order is the order of arrival.
/// </remarks>
internal sealed class LiteDbWriter : IDisposable
{
    /// <summary>The most writes one commit carries (keeps a transaction's pages in memory bounded).</summary>
    public const int MaxGroup = 256;

    /// <summary>The most background writes a group carries beside the answers waiting.</summary>
    public const int BackgroundShare = 16;

    private readonly Func<LiteDatabase> _database;
    private readonly Action _flushToDisk;
    private readonly Action _rolledBack;
    private readonly Action _committed;
    private readonly Action<bool> _flushed;
    /// <summary>
    /// Synchronous continuations: a write wakes the writer's thread (blocked in <see cref="WaitForWork"/>) directly, on the
    /// caller's thread. Otherwise the wake-up is a thread-pool work item, queued behind everything else: a burst of
    /// requests that block pool threads on a store (a singleton opening the file on first use) waited for a pool
    /// thread to wake the writer that would unblock them, and stalled for a minute (the ack benchmark's first burst).
    /// </summary>
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly List<Request> _group = new(MaxGroup);
    private readonly List<Action<LiteDatabase>> _writes = new(MaxGroup);
    private int _written;
    private readonly Queue<Request> _answers = new();
    private readonly Queue<Request> _background = new();
    private readonly Lock _start = new();
    private Thread? _loop;
    private long _commits;

    /// <param name="database">The file, opened on first use.</param>
    /// <param name="flushToDisk">Returns once everything committed is on disk; called after each commit, before anyone is answered.</param>
    /// <param name="rolledBack">Called on the writer's thread after a transaction rolled back (caches of what was written must go).</param>
    /// <param name="committed">Called on the writer's thread once a transaction is committed, before its flush.</param>
    /// <param name="flushed">Called on the writer's thread after each flush, before anyone is answered: true once what was committed is on disk, false if the flush failed.</param>
    public LiteDbWriter(Func<LiteDatabase> database, Action flushToDisk, Action rolledBack, Action? committed = null, Action<bool>? flushed = null)
    {
        _database = database;
        _flushToDisk = flushToDisk;
        _rolledBack = rolledBack;
        _committed = committed ?? (() => { });
        _flushed = flushed ?? (_ => { });
    }

    /// <summary>Group commits so far (for tests and benchmarks: a burst should take few).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="work"/> in the next group of its lane; its result comes once the group is committed and on disk.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken, WriteLane lane = WriteLane.Background)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Enqueue(new Request<T>(work, alone: false, lane == WriteLane.Answer, cancellationToken));
    }

    /// <summary>
    /// Runs a write in two steps, in the next group of the answer lane. <paramref name="decide"/> runs in the group's
    /// order like any write, deciding from what the store keeps in memory (it sees every write ahead of it there), and
    /// returns its result with the writing of it left to do; <paramref name="decided"/> is told that result at once, on
    /// the writer's thread (it must not block), so a caller can act on the decision while the group's writes are made,
    /// committed and put on disk. The task's result comes once they are, as for any write; after a rollback the write
    /// runs again alone and may decide differently (the task's result is what holds). Before <paramref name="decide"/>
    /// reads the file it calls the <see cref="Action"/> it is given: the writes of the decisions ahead of it are made
    /// then, so it reads them. Every other write in the group runs after the writes decided before it.
    /// </summary>
    public Task<T> StageAsync<T>(Func<LiteDatabase, Action, Staged<T>> decide, Action<T> decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(decided);
        return Enqueue(new StagedRequest<T>(decide, decided, cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="work"/> outside any group, with no other write running: for work that manages its own
    /// transactions or needs the file quiet (migrations, checkpoints, copies).
    /// </summary>
    public Task<T> AloneAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Enqueue(new Request<T>(work, alone: true, answer: false, cancellationToken));
    }

    /// <summary>Lets the queued writes finish, then stops taking new ones.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Thread? loop;
        lock (_start)
        {
            loop = _loop;
        }

        loop?.Join();
    }

    private Task<T> Enqueue<T>(Completion<T> request)
    {
        if (request.Token.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(request.Token);
        }

        lock (_start)
        {
            if (_loop is null)
            {
                // Its own thread, woken directly by new work: a loop on the thread pool would queue behind every request
                // of a burst each time it waits, and everyone's commit waits for the writer.
                _loop = new Thread(Run) { IsBackground = true, Name = "LiteDB writer" };
                _loop.Start();
            }
        }

        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(LiteDbWriter), "The store is closed.");
        }

        return request.Task;
    }

    private void Run()
    {
        var reader = _queue.Reader;
        while (true)
        {
            Drain();

            if (_answers.Count == 0 && _background.Count == 0)
            {
                if (!WaitForWork(reader))
                {
                    return;
                }

                continue;
            }

            // A write that needs the file quiet runs when it is next in its lane and no answer is waiting.
            if (_answers.Count == 0 && _background.Peek().Alone)
            {
                RunAlone(_background.Dequeue());
                continue;
            }

            Take(_answers, MaxGroup);
            Take(_background, _group.Count > 0 ? Math.Min(BackgroundShare, MaxGroup - _group.Count) : MaxGroup);
            RunGroup();
            _group.Clear();
        }
    }

    /// <summary>Moves up to <paramref name="limit"/> writes from the head of <paramref name="lane"/> into the group (stopping at one that runs alone).</summary>
    private void Take(Queue<Request> lane, int limit)
    {
        for (var taken = 0; taken < limit && lane.TryPeek(out var next) && !next.Alone; taken++)
        {
            lane.Dequeue();
            if (!next.Token.IsCancellationRequested)
            {
                _group.Add(next);
            }
            else
            {
                next.Cancel();
            }
        }
    }

    /// <summary>Moves every write queued so far into its lane, in arrival order.</summary>
    private void Drain()
    {
        while (_queue.Reader.TryRead(out var next))
        {
            (next.Answer ? _answers : _background).Enqueue(next);
        }
    }

    /// <summary>Decides the reservations next in the answer lane into <paramref name="group"/>, as they arrived.</summary>
    private void TakeArrivals(LiteDatabase database, List<Request> group, Action settle)
    {
        Drain();

        while (group.Count < MaxGroup && _answers.TryPeek(out var head) && head.Staged)
        {
            _answers.Dequeue();
            if (head.Token.IsCancellationRequested)
            {
                head.Cancel();
                continue;
            }

            group.Add(head);
            if (head.Run(database, settle) is { } write)
            {
                _writes.Add(write);
            }
        }
    }

    /// <summary>Blocks the writer's thread until there is work (true) or the writer is closed (false).</summary>
    private static bool WaitForWork(ChannelReader<Request> reader)
    {
        var waiting = reader.WaitToReadAsync(CancellationToken.None);
        return waiting.IsCompleted ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    private void RunAlone(Request request)
    {
        if (request.Token.IsCancellationRequested)
        {
            request.Cancel();
            return;
        }

        try
        {
            var database = _database();
            request.Run(database, static () => { })?.Invoke(database);
        }
        catch (Exception ex)
        {
            request.Fail(ex);
            return;
        }

        Answer([request]);
    }

    private void RunGroup()
    {
        if (_group.Count == 0)
        {
            return;
        }

        LiteDatabase database;
        try
        {
            database = _database();
        }
        catch (Exception ex)
        {
            foreach (var request in _group)
            {
                request.Fail(ex);
            }

            return;
        }

        if (TryCommit(database, _group, out var failure, intake: true))
        {
            Answer(_group);
            return;
        }

        if (_group.Count == 1)
        {
            _group[0].Fail(failure!);
            return;
        }

        // One of them failed and took the group with it: give each its own transaction, so only that one fails.
        var committed = new List<Request>(_group.Count);
        foreach (var request in _group)
        {
            if (TryCommit(database, [request], out var own))
            {
                committed.Add(request);
            }
            else
            {
                request.Fail(own!);
            }
        }

        Answer(committed);
    }

    /// <summary>
    /// Puts what was committed on disk, then answers. A failure to flush fails them all: their writes are committed but may
    /// not survive a crash, and running them again would apply them twice.
    /// </summary>
    private void Answer(List<Request> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            _flushToDisk();
        }
        catch (Exception ex)
        {
            _flushed(false);
            foreach (var request in committed)
            {
                request.Fail(ex);
            }

            return;
        }

        _flushed(true);
        foreach (var request in committed)
        {
            request.Complete();
        }
    }

    /// <param name="database">The file.</param>
    /// <param name="requests">The group; with <paramref name="intake"/>, reservations arriving while it is written join it.</param>
    /// <param name="failure">Why the group rolled back.</param>
    /// <param name="intake">
    /// Decide reservations (<see cref="StageAsync{T}"/>) that arrive while the group's writes are made, between one write
    /// and the next, and write them in the same transaction (up to <see cref="MaxGroup"/>; only while they are next in
    /// the answer lane, so its order holds): one arriving mid-group waits for one insert, not for the whole group and
    /// its flush. The group's re-run after a rollback takes none.
    /// </param>
    private bool TryCommit(LiteDatabase database, List<Request> requests, out Exception? failure, bool intake = false)
    {
        try
        {
            // Inside the try: an engine that stopped throws here, and that fails the writes, not the writer's thread.
            database.BeginTrans();
            _writes.Clear();
            _written = 0;
            void Settle()
            {
                while (_written < _writes.Count)
                {
                    _writes[_written++](database);
                }
            }

            foreach (var request in requests)
            {
                if (!request.Staged)
                {
                    Settle();
                }

                if (request.Run(database, Settle) is { } write)
                {
                    _writes.Add(write);
                }
            }

            while (_written < _writes.Count)
            {
                _writes[_written++](database);
                if (intake)
                {
                    TakeArrivals(database, requests, Settle);
                }
            }

            database.Commit();
            Interlocked.Increment(ref _commits);
            _committed();
            failure = null;
            return true;
        }
        catch (Exception ex)
        {
            failure = ex;
            try
            {
                database.Rollback();
            }
            catch (Exception rollback) when (rollback is LiteException or IOException or ObjectDisposedException)
            {
                // The transaction is gone with the file; the caller reports the first failure.
            }

            _rolledBack();

            return false;
        }
    }

    private abstract class Request(bool alone, bool answer, CancellationToken token)
    {
        public bool Alone { get; } = alone;

        public bool Answer { get; } = answer;

        /// <summary>Decides first and writes later (<see cref="StageAsync{T}"/>).</summary>
        public virtual bool Staged => false;

        public CancellationToken Token { get; } = token;

        /// <summary>Runs the write, or decides it and returns what is left to write; <paramref name="settle"/> makes the writes decided before it.</summary>
        public abstract Action<LiteDatabase>? Run(LiteDatabase database, Action settle);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private abstract class Completion<T>(bool alone, bool answer, CancellationToken token) : Request(alone, answer, token)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        protected T Result { get; set; } = default!;

        public override void Complete() => _completion.TrySetResult(Result);

        public override void Fail(Exception exception) => _completion.TrySetException(exception);

        public override void Cancel() => _completion.TrySetCanceled(Token);
    }

    private sealed class Request<T>(Func<LiteDatabase, T> work, bool alone, bool answer, CancellationToken token) : Completion<T>(alone, answer, token)
    {
        public override Action<LiteDatabase>? Run(LiteDatabase database, Action settle)
        {
            Result = work(database);
            return null;
        }
    }

    private sealed class StagedRequest<T>(Func<LiteDatabase, Action, Staged<T>> decide, Action<T> decided, CancellationToken token) : Completion<T>(alone: false, answer: true, token)
    {
        public override bool Staged => true;

        public override Action<LiteDatabase>? Run(LiteDatabase database, Action settle)
        {
            var staged = decide(database, settle);
            Result = staged.Result;
            decided(staged.Result);
            return staged.Write;
        }
    }
}

/// <summary>A decision made in memory (<see cref="LiteDbWriter.StageAsync{T}"/>) and the write that records it, if any.</summary>
internal readonly record struct Staged<T>(T Result, Action<LiteDatabase>? Write);

/// <summary>Which of the writer's lanes a write queues in (<see cref="LiteDbWriter"/>).</summary>
internal enum WriteLane
{
    /// <summary>The job engine's own work and everything else no one is waiting on to be answered.</summary>
    Background,

    /// <summary>A write someone's acknowledgement waits for: it goes before the background writes queued.</summary>
    Answer,
}
