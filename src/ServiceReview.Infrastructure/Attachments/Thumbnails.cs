using System.Runtime.InteropServices;
using SkiaSharp;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>
/// A small JPEG of a photo (issue #14), made with SkiaSharp after <see cref="ImageHeaders"/> has bounded the pixel count.
/// Memory stays small whatever the picture: the decoder is asked for the smallest size it can produce natively (JPEG
/// scales by 1/2–1/8 while decoding, WebP to any size); when that is still big (PNG and GIF decode only at full size) the
/// picture is read one row at a time and every n-th row and column is kept. Anything a decoder refuses gives no
/// thumbnail (null), never an exception: the page then shows a file icon.
/// </summary>
public static class Thumbnails
{
    /// <summary>Pixels (4 bytes each) a direct decode may produce before rows are sampled instead.</summary>
    public const long MaxDirectPixels = 4_000_000;

    public static byte[]? MakeJpeg(byte[] content, int maxSide = 320, int quality = 80)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data);
            if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            {
                return null;
            }

            using var decoded = Decode(codec, maxSide);
            if (decoded is null)
            {
                return null;
            }

            var (width, height) = Fit(decoded.Width, decoded.Height, maxSide);
            using var small = width == decoded.Width && height == decoded.Height
                ? decoded.Copy()
                : decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
            if (small is null)
            {
                return null;
            }

            using var opaque = OnWhite(small, codec.EncodedOrigin);
            using var jpeg = opaque.Encode(SKEncodedImageFormat.Jpeg, quality);
            return jpeg?.ToArray();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or OutOfMemoryException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // A decoder that cannot read the file, or no native library on this machine: no thumbnail.
            return null;
        }
    }

    /// <summary>Width and height scaled so that the long side is at most <paramref name="maxSide"/> (never enlarged).</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxSide)
    {
        var side = Math.Max(width, height);
        if (side <= maxSide)
        {
            return (width, height);
        }

        var scale = (double)maxSide / side;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static SKBitmap? Decode(SKCodec codec, int maxSide)
    {
        var full = codec.Info;
        var scale = Math.Min(1f, (float)maxSide / Math.Max(full.Width, full.Height));
        var native = codec.GetScaledDimensions(scale);
        if (native.Width > 0 && native.Height > 0 && (long)native.Width * native.Height <= MaxDirectPixels)
        {
            var info = new SKImageInfo(native.Width, native.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
            {
                return bitmap;
            }

            bitmap.Dispose();
            return null;
        }

        return SampleRows(codec, maxSide * 2);
    }

    /// <summary>Reads the picture row by row at full size and keeps every n-th row and column (n chosen for about <paramref name="target"/> px).</summary>
    private static SKBitmap? SampleRows(SKCodec codec, int target)
    {
        var full = codec.Info;
        var step = Math.Max(1, (int)Math.Ceiling((double)Math.Max(full.Width, full.Height) / target));
        var width = Math.Max(1, full.Width / step);
        var height = Math.Max(1, full.Height / step);
        var rowInfo = new SKImageInfo(full.Width, full.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.StartScanlineDecode(rowInfo) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return null;
        }

        var row = new byte[full.Width * 4];
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
        try
        {
            var output = new byte[width * 4];
            for (var y = 0; y < height; y++)
            {
                var wanted = y * step;
                if (wanted > codec.NextScanline && !codec.SkipScanlines(wanted - codec.NextScanline))
                {
                    break;
                }

                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, row.Length) != 1)
                {
                    break;
                }

                for (var x = 0; x < width; x++)
                {
                    Buffer.BlockCopy(row, x * step * 4, output, x * 4, 4);
                }

                Marshal.Copy(output, 0, bitmap.GetPixels() + (y * bitmap.RowBytes), output.Length);
            }

            return bitmap;
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>
    /// JPEG has no transparency: a transparent PNG, GIF or WebP is drawn on white rather than on black. A photo taken
    /// with the camera turned is stored sideways with an EXIF orientation: the thumbnail is turned upright as browsers
    /// show the photo itself.
    /// </summary>
    private static SKBitmap OnWhite(SKBitmap source, SKEncodedOrigin origin)
    {
        var turned = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var (width, height) = turned ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        switch (origin)
        {
            case SKEncodedOrigin.RightTop: // 90° clockwise
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.BottomRight: // 180°
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.LeftBottom: // 90° counter-clockwise
                canvas.Translate(0, height);
                canvas.RotateDegrees(270);
                break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return result;
    }
}
