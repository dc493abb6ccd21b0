using SkiaSharp;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>
/// A small JPEG of a photo (issue #14), made with SkiaSharp after <see cref="ImageHeaders"/> has bounded the pixel count.
/// Memory stays small whatever the picture: the decoder is asked for the smallest size it can produce natively (JPEG
/// scales by 1/8 steps while decoding, WebP to any size); PNG and GIF decode only at full size, so above
/// <see cref="MaxDecodedPixels"/> they get no thumbnail. Anything a decoder refuses gives no thumbnail (null), never an
/// exception: the page then shows a file icon.
/// </summary>
public static class Thumbnails
{
    /// <summary>
    /// Pixels (4 bytes each) a decode may produce: 64 MiB at most. Photos (JPEG) decode scaled far below it; a PNG or GIF
    /// above it (they decode only at full size, and this SkiaSharp's PNG decoder reads no single rows) gets no thumbnail.
    /// </summary>
    public const long MaxDecodedPixels = 16_000_000;

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
        var native = NativeSize(codec, maxSide);
        if ((long)native.Width * native.Height > MaxDecodedPixels)
        {
            return null; // a PNG or GIF this big decodes only at full size: a file icon rather than hundreds of MiB
        }

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

    /// <summary>
    /// The smallest size the decoder produces natively whose long side is still at least <paramref name="maxSide"/>
    /// (JPEG decodes at n/8 of the size, WebP at any size; PNG and GIF only at full size).
    /// </summary>
    private static SKSizeI NativeSize(SKCodec codec, int maxSide)
    {
        var full = codec.Info;
        var scale = Math.Min(1f, (float)maxSide / Math.Max(full.Width, full.Height));
        while (true)
        {
            var size = codec.GetScaledDimensions(scale);
            if (scale >= 1f || (size.Width > 0 && Math.Max(size.Width, size.Height) >= maxSide))
            {
                return size.Width > 0 && size.Height > 0 ? size : new SKSizeI(full.Width, full.Height);
            }

            scale = Math.Min(1f, scale + 0.125f);
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
