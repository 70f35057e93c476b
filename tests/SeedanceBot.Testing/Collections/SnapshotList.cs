namespace SeedanceBot.Testing.Collections;

/// <summary>
/// A list a fake server appends to from its request threads while a test reads it: reads get a copy taken under the
/// lock, so enumerating never races an append.
/// </summary>
public sealed class SnapshotList<T>
{
    private readonly List<T> _items = [];

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }
}
