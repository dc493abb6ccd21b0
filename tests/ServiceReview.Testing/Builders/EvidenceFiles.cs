using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ServiceReview.Testing.Builders;

/// <summary>
/// Evidence files built in memory for the attachment tests (issue #14): a real PNG of any size, a PNG whose header
/// declares a huge picture (a pixel bomb), a GIF, a PDF, a .docx, a .docx that inflates to far more than its size (a
/// zip bomb), and a Windows program. JPEG and WebP are encoded with SkiaSharp by the tests that need them.
/// </summary>
public static class EvidenceFiles
{
    /// <summary>A real, decodable PNG (RGB, a gradient) of the given size.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(255 * x / Math.Max(1, width - 1));
                raw[row + 2 + (x * 3)] = (byte)(255 * y / Math.Max(1, height - 1));
                raw[row + 3 + (x * 3)] = 128;
            }
        }

        return PngOf(width, height, Zlib(raw));
    }

    /// <summary>
    /// A few hundred bytes that declare a <paramref name="width"/> × <paramref name="height"/> picture: a decoder that
    /// trusts the header allocates width × height × 4 bytes before it finds out the data is missing.
    /// </summary>
    public static byte[] PngDeclaring(int width, int height) => PngOf(width, height, Zlib(new byte[1024]));

    /// <summary>The classic 1 × 1 transparent GIF.</summary>
    public static byte[] Gif() =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>A one-page PDF (enough for the signature check; not meant to be rendered).</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A Windows program's first bytes ("MZ", then binary).</summary>
    public static byte[] Exe()
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[0x3C] = 0x80;
        return bytes;
    }

    /// <summary>A minimal Word document.</summary>
    public static byte[] Docx(string text = "检查说明") => DocxOf(s => s.Write(Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>")));

    /// <summary>A Word document whose main part inflates to <paramref name="inflatedBytes"/> (about 1,000 to 1 zipped).</summary>
    public static byte[] DocxBomb(long inflatedBytes) => DocxOf(s =>
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'A');
        for (var left = inflatedBytes; left > 0; left -= chunk.Length)
        {
            s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    });

    private static byte[] DocxOf(Action<Stream> writeDocument)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", s => s.Write(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")));
            Entry(zip, "word/document.xml", writeDocument);
        }

        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        write(stream);
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return buffer.ToArray();
    }

    private static byte[] PngOf(int width, int height, byte[] idat)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
