namespace SeedanceBot.Core;

/// <summary>Reads a request body from someone else's side of the wire without trusting its Content-Length.</summary>
public static class BoundedBody
{
    /// <summary>The whole body if it is at most <paramref name="maxBytes"/> long; null as soon as it is longer.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
