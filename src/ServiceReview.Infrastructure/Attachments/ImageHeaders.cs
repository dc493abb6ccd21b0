using System.Buffers.Binary;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>The size an image declares in its header.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>
/// Reads the width and height an image declares from its header, without decoding a pixel (issue #14): a few bytes can
/// declare a picture of billions of pixels, which a decoder would try to allocate. JPEG (the first SOFn frame header),
/// PNG (IHDR), GIF (the logical screen) and WebP (VP8, VP8L or VP8X). Null when the header is missing or broken.
/// </summary>
public static class ImageHeaders
{
    public static ImageSize? Read(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        "image/jpeg" => Jpeg(content),
        "image/png" => Png(content),
        "image/gif" => Gif(content),
        "image/webp" => WebP(content),
        _ => null,
    };

    private static ImageSize? Checked(long width, long height) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue ? new ImageSize((int)width, (int)height) : null;

    /// <summary>The signature, then the first chunk, which must be IHDR (13 bytes: width and height big-endian).</summary>
    private static ImageSize? Png(ReadOnlySpan<byte> content)
    {
        if (content.Length < 8 + 8 + 13 || BinaryPrimitives.ReadUInt32BigEndian(content[8..]) != 13 || !content[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return Checked(BinaryPrimitives.ReadUInt32BigEndian(content[16..]), BinaryPrimitives.ReadUInt32BigEndian(content[20..]));
    }

    /// <summary>"GIF87a"/"GIF89a", then the logical screen's width and height (little-endian): frames are drawn on it.</summary>
    private static ImageSize? Gif(ReadOnlySpan<byte> content) =>
        content.Length < 13 ? null : Checked(BinaryPrimitives.ReadUInt16LittleEndian(content[6..]), BinaryPrimitives.ReadUInt16LittleEndian(content[8..]));

    /// <summary>Walks the markers from SOI to the first frame header (SOF0–SOF15 but DHT, JPG and DAC); a scan before it is broken.</summary>
    private static ImageSize? Jpeg(ReadOnlySpan<byte> content)
    {
        var at = 2;
        while (at + 4 <= content.Length)
        {
            if (content[at] != 0xFF)
            {
                return null;
            }

            var marker = content[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                at += 2; // no length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // end of image or start of scan before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(at + 2)..]);
            if (length < 2)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 7 || at + 9 > content.Length)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(content[(at + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(content[(at + 7)..]);
                return Checked(width, height); // a height of 0 (set later by DNL) is not accepted
            }

            at += 2 + length;
        }

        return null;
    }

    /// <summary>RIFF, WEBP, then the first chunk: VP8X (canvas), VP8 (lossy key frame) or VP8L (lossless).</summary>
    private static ImageSize? WebP(ReadOnlySpan<byte> content)
    {
        if (content.Length < 30)
        {
            return null;
        }

        var chunk = content[12..16];
        var data = content[20..];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Checked(1 + UInt24(data[4..]), 1 + UInt24(data[7..]));
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            // A key frame: 3-byte frame tag (bit 0 clear), start code 9D 01 2A, then 14-bit width and height.
            if ((data[0] & 1) != 0 || data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
            {
                return null;
            }

            return Checked(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[0] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return Checked(1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
        }

        return null;
    }

    private static long UInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
