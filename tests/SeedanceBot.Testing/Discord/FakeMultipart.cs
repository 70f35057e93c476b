using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SeedanceBot.Testing.Discord;

/// <summary>Parses multipart/form-data with ASP.NET Core's reader, as a real server would.</summary>
public static class FakeMultipart
{
    public static IReadOnlyList<FakeMultipartPart> Parse(string contentType, byte[] body)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<FakeMultipartPart>();
        while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            section.Body.CopyTo(content);
            parts.Add(new FakeMultipartPart(
                HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty,
                HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                section.ContentType,
                content.ToArray()));
        }

        return parts;
    }
}

/// <summary>One part: its form name, file name and type when it is a file, and its bytes.</summary>
public sealed record FakeMultipartPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}
