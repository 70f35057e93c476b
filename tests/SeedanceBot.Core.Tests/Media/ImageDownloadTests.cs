using System.Net;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Core.Tests.Media;

/// <summary>Downloads of users' files stop at the limit while reading, whatever the server declares.</summary>
public sealed class ImageDownloadTests
{
    private static readonly Uri Url = new("https://cdn.example/file.png");

    [Fact]
    public async Task GetAsync_BodyLongerThanTheLimitWithoutALength_IsRefused_WithoutReadingItAll()
    {
        var body = new CountingStream(10 * 1024 * 1024);
        using var http = Client(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });

        var (content, problem) = await ImageDownload.GetAsync(http, Url, null, 64 * 1024, CancellationToken.None);

        Assert.Null(content);
        Assert.Contains("is larger than", problem, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, 64 * 1024, 256 * 1024);
    }

    [Fact]
    public async Task GetAsync_DeclaredLengthOverTheLimit_IsRefusedBeforeTheBody()
    {
        var body = new CountingStream(1024 * 1024);
        using var http = Client(() =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = 1024 * 1024;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var (content, problem) = await ImageDownload.GetAsync(http, Url, null, 1024, CancellationToken.None);

        Assert.Null(content);
        Assert.NotNull(problem);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task GetAsync_NotFound_SaysSo_AndAWholeBodyWithinTheLimitIsReturned()
    {
        using var missing = Client(() => new HttpResponseMessage(HttpStatusCode.NotFound));
        using var found = Client(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) });

        var (none, problem) = await ImageDownload.GetAsync(missing, Url, null, 1024, CancellationToken.None);
        var (bytes, fine) = await ImageDownload.GetAsync(found, Url, null, 3, CancellationToken.None);

        Assert.Null(none);
        Assert.Contains("HTTP 404", problem, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], bytes);
        Assert.Null(fine);
    }

    private static HttpClient Client(Func<HttpResponseMessage> answer) => new(new StubHandler(answer));

    private sealed class StubHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }

    /// <summary>An endless-looking body of zeros that counts what was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Clear(buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
