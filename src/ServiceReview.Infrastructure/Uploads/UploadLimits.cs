namespace ServiceReview.Infrastructure.Uploads;

/// <summary>
/// How much an uploaded file may make the server read (section <c>Uploads</c>). Two workbook profiles: service records
/// are streamed row by row, so they may be big; plan and people-and-teams workbooks are loaded whole by ClosedXML as a
/// DOM (many times their XML size in memory), so they get much smaller caps.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Service-record .xlsx files (synchronous API and background import).</summary>
    public WorkbookLimits ServiceRecordWorkbooks { get; set; } = new()
    {
        MaxUncompressedBytes = 512L * 1024 * 1024,
        MaxSheetBytes = 384L * 1024 * 1024,
        MaxPartBytes = 32L * 1024 * 1024,
        MaxEntries = 1000,
        MaxSharedStrings = 500_000,
        MaxCellChars = 32_767,
        MaxRows = 200_000,
        MaxColumns = 100,
    };

    /// <summary>Plan workbooks and the people-and-teams workbook (ClosedXML, loaded whole).</summary>
    public WorkbookLimits SmallWorkbooks { get; set; } = new()
    {
        MaxUncompressedBytes = 16L * 1024 * 1024,
        MaxSheetBytes = 8L * 1024 * 1024,
        MaxPartBytes = 8L * 1024 * 1024,
        MaxEntries = 200,
        MaxSharedStrings = 100_000,
        MaxCellChars = 32_767,
        MaxRows = 10_000,
        MaxColumns = 100,
    };

    /// <summary>Service-record .csv files.</summary>
    public CsvLimits Csv { get; set; } = new();

    /// <summary>
    /// <c>POST /api/teams/{id}/service-records/import</c> refuses (413) a file with more data rows than this, pointing at
    /// the background import; the page always queues a background import.
    /// </summary>
    public int SynchronousMaxRows { get; set; } = 20_000;

    /// <summary>… or a file bigger than this many bytes (checked before anything is read).</summary>
    public long SynchronousMaxBytes { get; set; } = 8L * 1024 * 1024;
}

/// <summary>Caps on what an .xlsx may inflate to; each checked from the zip's central directory and again while inflating.</summary>
public sealed class WorkbookLimits
{
    /// <summary>All parts together, inflated.</summary>
    public long MaxUncompressedBytes { get; set; }

    /// <summary>Any one worksheet part, inflated (a service-record sheet is streamed, so it may be big).</summary>
    public long MaxSheetBytes { get; set; }

    /// <summary>Any other part (shared strings, workbook, styles, drawings…), inflated: these are held in memory whole.</summary>
    public long MaxPartBytes { get; set; }

    /// <summary>Entries in the zip.</summary>
    public int MaxEntries { get; set; }

    /// <summary>Items of the shared-string table.</summary>
    public int MaxSharedStrings { get; set; }

    /// <summary>Characters of one cell (a shared string, an inline string or a value). Excel's own limit is 32,767.</summary>
    public int MaxCellChars { get; set; }

    /// <summary>Rows of any one sheet (by count and by row number).</summary>
    public int MaxRows { get; set; }

    /// <summary>Columns of any one sheet (by cell reference and by count).</summary>
    public int MaxColumns { get; set; }
}

/// <summary>Caps on a .csv upload.</summary>
public sealed class CsvLimits
{
    /// <summary>Bytes of the whole file.</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Characters of one record (a line, or several when a quoted field holds line breaks — or never ends).</summary>
    public int MaxRecordChars { get; set; } = 100_000;

    /// <summary>Records, the header row included.</summary>
    public int MaxRows { get; set; } = 200_000;
}
