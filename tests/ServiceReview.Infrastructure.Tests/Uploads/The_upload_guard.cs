using System.Diagnostics;
using System.Text;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Testing.Builders;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Features.ServiceRecords.Import;

namespace ServiceReview.Infrastructure.Tests.Uploads;

public sealed class The_upload_guard
{
    private static WorkbookLimits Records => new UploadOptions().ServiceRecordWorkbooks;

    private static WorkbookLimits Small => new UploadOptions().SmallWorkbooks;

    private static UploadRefusedException Refused(byte[] file, WorkbookLimits limits) =>
        Assert.Throws<UploadRefusedException>(() => XlsxGuard.Check(new MemoryStream(file), limits));

    private static List<ImportCell[]> ReadAll(byte[] file, UploadOptions? options = null) =>
        TabularReaders.Read(new MemoryStream(file), options ?? new UploadOptions()).ToList();

    [Fact]
    public void A_workbook_within_the_caps_passes_and_the_stream_is_rewound()
    {
        var file = UploadBombs.Rows([["工单号", "客户"], ["T-1", "王先生"]]);
        var stream = new MemoryStream(file);

        XlsxGuard.Check(stream, Small);

        Assert.Equal(0, stream.Position);
        Assert.Equal(["T-1", "王先生"], ReadAll(file)[1].Select(c => c.Text));
    }

    [Fact]
    public void A_bomb_is_refused_from_the_central_directory_before_anything_is_inflated()
    {
        var watch = Stopwatch.StartNew();
        var refusal = Refused(UploadBombs.Bomb400MiB, Records);

        Assert.Equal((UploadRefusal.TooLarge, "SheetSize", "384 MiB"), (refusal.Refusal, refusal.Code, refusal.Limit));
        Assert.Equal("SheetSize", Refused(UploadBombs.Bomb400MiB, Small).Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_total_of_all_parts_is_capped_as_well_as_each_part()
    {
        var limits = Small;
        limits.MaxUncompressedBytes = 2000;

        var refusal = Refused(UploadBombs.Rows(Enumerable.Range(1, 100).Select(i => new[] { $"T-{i}", "some text" })), limits);

        Assert.Equal(("Uncompressed", "2000 bytes"), (refusal.Code, refusal.Limit));
    }

    [Fact]
    public void A_central_directory_that_lies_inflates_no_more_than_it_declares()
    {
        var lying = UploadBombs.LyingDirectory(UploadBombs.BombInPicture(200L * 1024 * 1024));
        var watch = Stopwatch.StartNew();

        // .NET's zip reader stops each entry at its declared size, and the guard counts what actually comes out: a file
        // that claims 1000 bytes per part inflates to a few KiB, not 200 MiB.
        var inflated = XlsxGuard.Check(new MemoryStream(lying), Small);

        Assert.InRange(inflated, 1, 10_000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_counting_stream_stops_an_inflating_part_at_its_cap()
    {
        var zipped = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(zipped, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                deflate.Write(zeros);
            }
        }

        zipped.Position = 0;
        var total = new XlsxGuard.Budget(long.MaxValue);
        using var counted = new XlsxGuard.BoundedReadStream(new System.IO.Compression.DeflateStream(zipped, System.IO.Compression.CompressionMode.Decompress),
            8L * 1024 * 1024, total, 0, cap => UploadRefusedException.TooLarge("PartSize", cap, bytes: true, "A part expands to"));

        var refusal = Assert.Throws<UploadRefusedException>(() => counted.CopyTo(Stream.Null));

        Assert.Equal(("PartSize", "8 MiB"), (refusal.Code, refusal.Limit));
        Assert.InRange(counted.Position, 8L * 1024 * 1024, (8L * 1024 * 1024) + (1024 * 1024));
    }

    [Fact]
    public void A_lying_bomb_reaches_closedxml_only_as_the_few_bytes_it_declares()
    {
        var lying = UploadBombs.LyingDirectory(UploadBombs.Bomb400MiB);

        var result = PlanWorkbookReader.Read(new MemoryStream(lying), "x");

        Assert.False(result.IsValid);
    }

    [Fact]
    public void A_lying_directory_over_a_giant_cell_is_stopped_by_the_text_caps()
    {
        var lying = UploadBombs.LyingDirectory(UploadBombs.Bomb(64L * 1024 * 1024));

        var refusal = Refused(lying, Records);

        Assert.Contains(refusal.Code, new[] { "CellText", "Malformed" });
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var limits = Small;
        limits.MaxEntries = 4;

        Assert.Equal("Entries", Refused(UploadBombs.Rows([["a"]]), limits).Code);
    }

    [Fact]
    public void Too_many_shared_strings_are_refused_by_the_guard_and_by_the_streaming_reader()
    {
        var limits = Records;
        limits.MaxSharedStrings = 1000;
        var file = UploadBombs.ManyStrings(1001);

        Assert.Equal(("SharedStrings", "1000"), (Refused(file, limits).Code, Refused(file, limits).Limit));
        Assert.Empty(Record.Exception(() => XlsxGuard.Check(new MemoryStream(UploadBombs.ManyStrings(1000)), limits))?.Message ?? "");
    }

    [Fact]
    public void A_cell_longer_than_excel_allows_is_refused()
    {
        Assert.Equal(("CellText", "32767"), (Refused(UploadBombs.LongCell(32_768), Records).Code, Refused(UploadBombs.LongCell(32_768), Records).Limit));
        XlsxGuard.Check(new MemoryStream(UploadBombs.LongCell(32_767)), Records);
    }

    [Fact]
    public void A_sheet_renamed_away_from_xml_is_still_scanned_as_xml()
    {
        // The content types may declare any name for a sheet; the guard decides by content, not by the ".xml" ending.
        var renamed = RenameEntry(UploadBombs.LongCell(32_768), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.dat");

        Assert.Equal("CellText", Refused(renamed, Records).Code);
        XlsxGuard.Check(new MemoryStream(RenameEntry(UploadBombs.LongCell(100), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.dat")), Records);
    }

    private static byte[] RenameEntry(byte[] workbook, string from, string to)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var old = zip.GetEntry(from) ?? throw new InvalidOperationException($"No {from}.");
            var copy = zip.CreateEntry(to);
            using (var source = old.Open())
            using (var target = copy.Open())
            {
                source.CopyTo(target);
            }

            old.Delete();
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Rows_and_columns_past_the_caps_are_refused_by_number()
    {
        Assert.Equal("Rows", Refused(UploadBombs.RowNumbered(200_001), Records).Code);
        Assert.Equal("Rows", Refused(UploadBombs.RowNumbered(10_001), Small).Code);
        Assert.Equal("Columns", Refused(UploadBombs.CellInColumn(101), Records).Code);
        XlsxGuard.Check(new MemoryStream(UploadBombs.CellInColumn(100)), Records);
    }

    [Fact]
    public void Rows_past_the_cap_are_refused_by_count_too()
    {
        var limits = Small;
        limits.MaxRows = 50;

        Assert.Equal("Rows", Refused(UploadBombs.Rows(Enumerable.Range(1, 51).Select(i => new[] { $"{i}" })), limits).Code);
    }

    [Fact]
    public void A_png_named_xlsx_is_not_a_workbook_and_neither_is_a_text_file()
    {
        Assert.Equal((UploadRefusal.WrongType, "NotAWorkbook"), (Refused(UploadBombs.Png(), Small).Refusal, Refused(UploadBombs.Png(), Small).Code));
        Assert.Equal("NotAWorkbook", Refused("工单号,客户\n"u8.ToArray(), Small).Code);
        Assert.Equal("NotAWorkbook", Refused([], Small).Code);
    }

    [Fact]
    public void A_zip_signature_over_garbage_is_a_damaged_workbook()
    {
        var refusal = Refused([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8], Small);

        Assert.Equal((UploadRefusal.Malformed, "Malformed"), (refusal.Refusal, refusal.Code));
    }

    [Fact]
    public void The_service_record_reader_refuses_a_png_by_content_whatever_its_name()
    {
        var refusal = Assert.Throws<UploadRefusedException>(() => ReadAll(UploadBombs.Png()));

        Assert.Equal((UploadRefusal.WrongType, "NotATable"), (refusal.Refusal, refusal.Code));
    }

    [Fact]
    public void The_service_record_reader_streams_shared_strings_within_their_caps()
    {
        var options = new UploadOptions();
        options.ServiceRecordWorkbooks.MaxSharedStrings = 10;

        Assert.Equal("s0", ReadAll(UploadBombs.ManyStrings(10), options)[0][0].Text);
        Assert.Equal("SharedStrings", Assert.Throws<UploadRefusedException>(() => ReadAll(UploadBombs.ManyStrings(11), options)).Code);
    }

    [Fact]
    public void The_plan_and_people_readers_refuse_a_bomb_before_closedxml_opens_it()
    {
        Assert.Equal("SheetSize", Assert.Throws<UploadRefusedException>(() => PlanWorkbookReader.Read(new MemoryStream(UploadBombs.Bomb400MiB), "x")).Code);
        Assert.Equal("SheetSize", Assert.Throws<UploadRefusedException>(() => OrganisationWorkbook.Read(new MemoryStream(UploadBombs.Bomb400MiB))).Code);
        Assert.Equal("Plans.Import.NotAWorkbook", Assert.Single(PlanWorkbookReader.Read(new MemoryStream(UploadBombs.Png()), "x").Errors).Code);
        Assert.Equal("Admin.Import.NotAWorkbook", Assert.Single(OrganisationWorkbook.Read(new MemoryStream(UploadBombs.Png())).Errors).Code);
    }

    [Fact]
    public void Sizes_are_written_in_binary_units()
    {
        Assert.Equal(["64 MiB", "8 MiB", "1 GiB", "512 KiB", "1000 bytes", "1.5 MiB"],
            new[] { 64L << 20, 8L << 20, 1L << 30, 512L << 10, 1000, 3L << 19 }.Select(UploadRefusedException.FormatBytes));
    }
}

public sealed class The_csv_reader
{
    private const string Header = "工单号,客户,渠道,类型,摘要,受理时间";

    private static List<ImportCell[]> Read(byte[] file, CsvLimits? limits = null)
    {
        var options = new UploadOptions();
        if (limits is not null)
        {
            options.Csv = limits;
        }

        return TabularReaders.Read(new MemoryStream(file), options).ToList();
    }

    [Fact]
    public void Reads_gb18030_as_chinese_excel_on_windows_saves_it()
    {
        var file = UploadBombs.Gb18030(Header + "\r\nGB-1,王先生,电话,投诉,空调不制冷，要求上门（㐀𠀀）,2026-09-01 09:15\r\n");

        var rows = Read(file);

        Assert.Equal(Header.Split(','), rows[0].Select(c => c.Text));
        Assert.Equal(["GB-1", "王先生", "电话", "投诉", "空调不制冷，要求上门（㐀𠀀）", "2026-09-01 09:15"], rows[1].Select(c => c.Text));
    }

    [Fact]
    public void Reads_utf8_with_and_without_a_byte_order_mark()
    {
        var text = Header + "\nU-1,李女士,邮件,咨询,\"多行\n摘要\",2026-09-01 09:15\n";
        var plain = Encoding.UTF8.GetBytes(text);

        Assert.Equal("李女士", Read(plain)[1][1].Text);
        Assert.Equal("多行\n摘要", Read([.. Encoding.UTF8.GetPreamble(), .. plain])[1][4].Text);
        Assert.Equal("工单号", Read([.. Encoding.UTF8.GetPreamble(), .. plain])[0][0].Text);
    }

    [Fact]
    public void The_encoding_is_gb18030_only_when_the_bytes_are_not_utf8()
    {
        Assert.Equal("utf-8", TabularReaders.DetectCsvEncoding(new MemoryStream(Encoding.UTF8.GetBytes(Header)), new CsvLimits()).WebName);
        Assert.Equal("GB18030", TabularReaders.DetectCsvEncoding(new MemoryStream(UploadBombs.Gb18030(Header)), new CsvLimits()).WebName, ignoreCase: true);
    }

    [Fact]
    public void A_quote_that_never_closes_stops_at_the_record_cap()
    {
        var refusal = Assert.Throws<UploadRefusedException>(() => Read(UploadBombs.EndlessQuote(Header, 150_000)));

        Assert.Equal((UploadRefusal.TooLarge, "CsvRecord", "100000"), (refusal.Refusal, refusal.Code, refusal.Limit));
    }

    [Fact]
    public void Rows_and_bytes_past_their_caps_are_refused()
    {
        var lines = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 12).Select(i => $"R-{i},x")));

        Assert.Equal("CsvRows", Assert.Throws<UploadRefusedException>(() => Read(lines, new CsvLimits { MaxRows = 10 })).Code);
        Assert.Equal("CsvSize", Assert.Throws<UploadRefusedException>(() => Read(lines, new CsvLimits { MaxBytes = 50 })).Code);
        Assert.Equal(12, Read(lines, new CsvLimits { MaxRows = 12 }).Count);
    }
}
