using Microsoft.Extensions.Options;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Testing.Builders;
using SkiaSharp;

namespace ServiceReview.Infrastructure.Tests.Attachments;

/// <summary>
/// Evidence files (issue #14): the type comes from the content, an image's size from its header (nothing decoded), an
/// Office file is refused as a decompression bomb with memory bounded, thumbnails are small JPEGs, and the folder store
/// keeps what it is given.
/// </summary>
public sealed class Evidence_file_checks
{
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, int quality = 80)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static TheoryData<string, string, AttachmentKind> Accepted => new()
    {
        { "jpeg", "image/jpeg", AttachmentKind.Image },
        { "png", "image/png", AttachmentKind.Image },
        { "gif", "image/gif", AttachmentKind.Image },
        { "webp", "image/webp", AttachmentKind.Image },
        { "pdf", "application/pdf", AttachmentKind.Pdf },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", AttachmentKind.Document },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", AttachmentKind.Spreadsheet },
        { "csv", "text/csv", AttachmentKind.Csv },
        { "txt", "text/plain", AttachmentKind.Text },
    };

    public static byte[] Sample(string kind) => kind switch
    {
        "jpeg" => Encode(SKEncodedImageFormat.Jpeg, 40, 30),
        "png" => EvidenceFiles.Png(40, 30),
        "gif" => EvidenceFiles.Gif(),
        "webp" => Encode(SKEncodedImageFormat.Webp, 40, 30),
        "pdf" => EvidenceFiles.Pdf(),
        "docx" => EvidenceFiles.Docx(),
        "xlsx" => UploadBombs.Rows([["工单号"], ["T-1"]]),
        "csv" or "txt" => "工单号,客户\r\nT-1,王先生\r\n"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Each_accepted_type_is_told_by_its_content_whatever_its_name(string kind, string contentType, AttachmentKind expected)
    {
        var named = FileSignatures.Detect(Sample(kind), "evidence." + (kind is "csv" ? "csv" : kind));
        Assert.Equal((expected, contentType), (named!.Kind, named.ContentType));
        if (kind is not ("csv" or "txt"))
        {
            var renamed = FileSignatures.Detect(Sample(kind), "renamed.pdf");
            Assert.Equal(contentType, renamed!.ContentType);
        }
    }

    [Fact]
    public void A_program_or_a_zip_that_is_no_office_file_is_not_accepted_whatever_its_name()
    {
        Assert.Null(FileSignatures.Detect(EvidenceFiles.Exe(), "photo.jpg"));
        Assert.Null(FileSignatures.Detect([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0xFF, 0xFF], "report.docx"));
    }

    [Theory]
    [InlineData("png", 40, 30)]
    [InlineData("gif", 1, 1)]
    [InlineData("jpeg", 40, 30)]
    public void An_images_size_is_read_from_its_header(string kind, int width, int height)
    {
        var content = Sample(kind);
        Assert.Equal(new ImageSize(width, height), ImageHeaders.Read(content, FileSignatures.Detect(content, null)!.ContentType));
    }

    [Theory]
    [InlineData(80)]  // lossy: VP8
    [InlineData(100)] // lossless: VP8L
    public void A_webp_size_is_read_from_its_header_lossy_or_lossless(int quality)
    {
        Assert.Equal(new ImageSize(123, 45), ImageHeaders.Read(Encode(SKEncodedImageFormat.Webp, 123, 45, quality), "image/webp"));
    }

    [Fact]
    public void A_pixel_bomb_declares_its_size_in_a_few_bytes_and_nothing_is_allocated_to_read_it()
    {
        var bomb = EvidenceFiles.PngDeclaring(100_000, 100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var size = ImageHeaders.Read(bomb, "image/png");

        Assert.Equal(10_000_000_000, size!.Value.Pixels);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
        Assert.True(bomb.Length < 2048);
    }

    [Fact]
    public void A_broken_image_header_gives_no_size()
    {
        Assert.Null(ImageHeaders.Read(EvidenceFiles.Png(4, 4).AsSpan(0, 20), "image/png"));
        Assert.Null(ImageHeaders.Read([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6], "image/jpeg"));
        Assert.Null(ImageHeaders.Read([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0, 0, 0, 0], "image/gif"));
        Assert.Null(ImageHeaders.Read("RIFF\0\0\0\0WEBPVP8Zxxxxxxxxxxxxxxxxxxxxxx"u8, "image/webp"));
    }

    [Fact]
    public void An_office_file_within_the_caps_passes()
    {
        OfficeZipGuard.Check(EvidenceFiles.Docx(), new AttachmentOptions());
        OfficeZipGuard.Check(UploadBombs.Rows([["a", "b"], ["c", "d"]]), new AttachmentOptions());
    }

    [Fact]
    public void A_docx_bomb_is_refused_from_its_central_directory()
    {
        var refusal = Assert.Throws<UploadRefusedException>(() => OfficeZipGuard.Check(EvidenceFiles.DocxBomb(80L * 1024 * 1024), new AttachmentOptions()));
        Assert.Equal((UploadRefusal.TooLarge, "ZipInflated"), (refusal.Refusal, refusal.Code));
    }

    [Fact]
    public void A_docx_bomb_whose_directory_lies_is_never_inflated_past_the_caps_and_memory_stays_bounded()
    {
        // The directory says 1,000 bytes per part; .NET stops inflating a part at its declared size, and the guard counts
        // what comes out against the caps as it goes. Either way only a few buffers are allocated.
        var lying = UploadBombs.LyingDirectory(EvidenceFiles.DocxBomb(200L * 1024 * 1024));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Record.Exception(() => OfficeZipGuard.Check(lying, new AttachmentOptions { MaxUnzippedBytes = 1024 * 1024 }));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(refusal is null or UploadRefusedException { Refusal: UploadRefusal.TooLarge or UploadRefusal.Malformed }, refusal?.ToString());
        Assert.True(allocated < 4L * 1024 * 1024, $"{allocated} bytes allocated for a 200 MiB bomb");
    }

    [Fact]
    public void A_part_that_inflates_past_the_ratio_is_refused_while_inflating()
    {
        // 8 MiB of one letter zips to a few KiB: under the 64 MiB cap, but far past 200 to 1.
        var refusal = Assert.Throws<UploadRefusedException>(() => OfficeZipGuard.Check(EvidenceFiles.DocxBomb(8L * 1024 * 1024), new AttachmentOptions()));
        Assert.Equal("ZipRatio", refusal.Code);

        var inflating = Assert.Throws<UploadRefusedException>(() =>
            OfficeZipGuard.Check(EvidenceFiles.DocxBomb(8L * 1024 * 1024), new AttachmentOptions { MaxZipRatio = int.MaxValue, MaxUnzippedBytes = 4L * 1024 * 1024 }));
        Assert.Equal("ZipInflated", inflating.Code);
    }

    [Fact]
    public void Refusing_a_real_bomb_allocates_no_more_than_a_few_buffers()
    {
        var bomb = EvidenceFiles.DocxBomb(80L * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<UploadRefusedException>(() => OfficeZipGuard.Check(bomb, new AttachmentOptions()));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4L * 1024 * 1024);
    }

    [Fact]
    public void Too_many_parts_are_refused()
    {
        var refusal = Assert.Throws<UploadRefusedException>(() => OfficeZipGuard.Check(EvidenceFiles.Docx(), new AttachmentOptions { MaxZipEntries = 1 }));
        Assert.Equal("ZipEntries", refusal.Code);
    }

    [Theory]
    [InlineData("png", 1000, 600, 320, 192)]
    [InlineData("jpeg", 2000, 1500, 320, 240)]
    [InlineData("webp", 600, 900, 213, 320)]
    [InlineData("png", 3000, 2400, 320, 256)]
    [InlineData("jpeg", 4000, 3000, 320, 240)]
    [InlineData("png", 100, 50, 100, 50)]     // never enlarged
    public void A_thumbnail_is_a_jpeg_of_at_most_320_px_on_the_long_side(string kind, int width, int height, int thumbWidth, int thumbHeight)
    {
        var content = kind switch
        {
            "png" => EvidenceFiles.Png(width, height),
            "jpeg" => Encode(SKEncodedImageFormat.Jpeg, width, height),
            _ => Encode(SKEncodedImageFormat.Webp, width, height),
        };

        var thumbnail = Thumbnails.MakeJpeg(content);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", FileSignatures.Detect(thumbnail, null)!.ContentType);
        var size = ImageHeaders.Read(thumbnail, "image/jpeg")!.Value;
        Assert.Equal((thumbWidth, thumbHeight), (size.Width, size.Height), new ToleranceComparer());
    }

    [Fact]
    public void A_file_no_decoder_can_read_gives_no_thumbnail()
    {
        Assert.Null(Thumbnails.MakeJpeg(EvidenceFiles.Pdf()));
        Assert.Null(Thumbnails.MakeJpeg(EvidenceFiles.Png(40, 30)[..40]));
    }

    [Fact]
    public void A_png_too_big_to_decode_within_64_MiB_gives_no_thumbnail()
    {
        Assert.Null(Thumbnails.MakeJpeg(EvidenceFiles.PngDeclaring(5000, 4000)));
    }

    [Fact]
    public async Task The_folder_store_writes_and_reads_back_by_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "servicereview-attachments-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new FolderAttachmentStore(Options.Create(new AttachmentOptions { Storage = AttachmentStorage.Folder, Folder = folder }));
            var key = IAttachmentStore.NewKey();
            var content = EvidenceFiles.Png(8, 8);

            await store.WriteAsync(key, content);

            Assert.Equal(content, await store.ReadAsync(key));
            Assert.True(File.Exists(Path.Combine(folder, key[..2], key[2..4], key)));
            Assert.Null(await store.ReadAsync(IAttachmentStore.NewKey()));
            await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("../../etc/passwd"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Rounding may differ by a pixel between decoders' scaled sizes.</summary>
    private sealed class ToleranceComparer : IEqualityComparer<(int, int)>
    {
        public bool Equals((int, int) x, (int, int) y) => Math.Abs(x.Item1 - y.Item1) <= 1 && Math.Abs(x.Item2 - y.Item2) <= 1;

        public int GetHashCode((int, int) obj) => 0;
    }
}
