using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace SeedanceBot.Testing.Images;

/// <summary>
/// Real small images made in the test (encoded by SkiaSharp) and hand-crafted hostile files: a "PNG" that is text, a PNG
/// header claiming 60,000 px, a decompression bomb, files cut short.
/// </summary>
public static class TestImages
{
    public static byte[] Png(int width = 320, int height = 320) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width = 320, int height = 320) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Webp(int width = 320, int height = 320) => Encode(width, height, SKEncodedImageFormat.Webp);

    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>Text that calls itself a PNG (only its name would say so).</summary>
    public static byte[] TextNamedPng() => Encoding.UTF8.GetBytes("This is not an image, whatever the file name says.\n");

    /// <summary>A well-formed PNG whose header claims <paramref name="width"/> x <paramref name="height"/>, with a tiny IDAT.</summary>
    public static byte[] PngHeader(int width, int height) => CraftPng(width, height, Compress(new byte[1024]));

    /// <summary>
    /// A decompression bomb: 50,000 x 50,000 px (10 GB of RGBA once decoded) in a few kilobytes of deflated zeros.
    /// </summary>
    public static byte[] DecompressionBomb() => CraftPng(50_000, 50_000, Compress(new byte[4 * 1024 * 1024]));

    /// <summary>The first <paramref name="fraction"/> of <paramref name="content"/>.</summary>
    public static byte[] CutShort(byte[] content, double fraction = 0.5) => content[..(int)(content.Length * fraction)];

    /// <summary>A data URL of the bytes, as the providers' wire carries them.</summary>
    public static string DataUrl(byte[] content, string contentType = "image/png") => $"data:{contentType};base64,{Convert.ToBase64String(content)}";

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 120, 200));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 80);
        return data.ToArray();
    }

    private static byte[] Compress(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    private static byte[] CraftPng(int width, int height, byte[] idat)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
