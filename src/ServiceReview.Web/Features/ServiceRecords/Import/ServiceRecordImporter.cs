using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.ServiceRecords.Import;

/// <summary>
/// One problem in an import file: the row (1 = the header row, as a spreadsheet numbers it), the column as the file
/// names it, the value found, a stable code (translated by the web layer, key <c>Records.Import.Error.{Code}</c>) and an
/// English message for API clients.
/// </summary>
public sealed record ImportError(int Row, string Column, string? Value, string Code, string Message);

/// <summary>Hears how an import advances (the background import's progress bar); called on the importing thread.</summary>
public interface IImportObserver
{
    /// <summary>Rows read and validated so far, and the problems found so far.</summary>
    void Read(int rows, int errors);

    /// <summary>Validation is over; this many rows are about to be written.</summary>
    void Writing(int total);

    /// <summary>Rows written so far (in the import's transaction: nothing is visible before the commit).</summary>
    void Written(int rows);
}

/// <summary>What an import did: records added and updated, the errors, and whether anything was written.</summary>
public sealed record ImportResult(int Imported, int Updated, IReadOnlyList<ImportError> Errors, int ErrorCount, bool Written)
{
    /// <summary>At most this many errors are listed; <see cref="ErrorCount"/> counts them all.</summary>
    public const int MaxListedErrors = 1000;
}

/// <summary>
/// Imports service records from .csv or .xlsx: every row is validated first; with any error nothing is written unless
/// the caller asked for the clean rows only (<c>partial</c>). Records are upserted by (team, ticket id) in batches,
/// in one transaction, with one audit entry for the import. Rows are streamed from the file twice (validate, then
/// write), never held all at once.
/// What the file may make the server read is bounded by <see cref="UploadOptions"/>: past a cap the import throws
/// <see cref="UploadRefusedException"/> with nothing written.
/// </summary>
public sealed class ServiceRecordImporter(ServiceReviewDbContext db, TimeProvider clock, IOptions<UploadOptions>? uploads = null)
{
    private readonly UploadOptions _limits = uploads?.Value ?? new UploadOptions();

    private const int BatchSize = 1000;
    private const int ObserveEvery = 200;

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm:ss.FFFFFFF", "yyyy-M-dTH:mm", "yyyy-M-dTH:mm:ss",
        "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss",
        "yyyy年M月d日 H:mm", "yyyy年M月d日 H:mm:ss", "yyyy年M月d日H:mm", "yyyy年M月d日H:mm:ss", "yyyy年M月d日 H时m分",
    ];

    /// <param name="file">A seekable stream: it is read twice.</param>
    /// <param name="maxRows">When set (the synchronous API), a file with more data rows is refused as a whole.</param>
    public async Task<ImportResult> ImportAsync(int teamId, Stream file, bool partial, Actor actor, string fileName, IProgress<int>? progress, CancellationToken cancellationToken,
        IImportObserver? observer = null, int? maxRows = null)
    {
        var project = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Join(db.Projects.AsNoTracking(), t => t.ProjectId, p => p.Id, (t, p) => p.TimeZoneId)
            .SingleAsync(cancellationToken);
        var zone = ServicePeriod.FindZone(project);

        // Two passes over the file keep memory flat whatever its size: the first validates every row and keeps only the
        // errors and the ticket ids seen; the second reads the file again and writes the clean rows batch by batch.
        var start = file.Position;
        var problems = new Problems();
        var (total, clean) = (0, 0);
        foreach (var row in ReadRows(file, zone, _limits, maxRows, problems, observer))
        {
            total++;
            clean += row.HasError ? 0 : 1;
        }

        var (errors, errorCount) = (problems.Errors, problems.Count);
        if ((errorCount > 0 && !partial) || clean == 0)
        {
            return new ImportResult(0, 0, errors, errorCount, Written: false);
        }

        observer?.Writing(clean);
        var now = clock.GetUtcNow().UtcDateTime;
        var (imported, updated) = (0, 0);
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // Through the provider's execution strategy (SQL Server and PostgreSQL retry transient failures, ADR 0028):
            // an attempt that failed rolled everything back, so the next one reads the file again from the start.
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                (imported, updated) = (0, 0);
                db.ChangeTracker.Clear();
                file.Position = start;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var batch in ReadRows(file, zone, _limits, maxRows, new Problems(), null).Where(r => !r.HasError).Chunk(BatchSize))
                {
                    var tickets = batch.Select(r => r.TicketId).ToList();
                    var existing = await db.ServiceRecords.Where(r => r.TeamId == teamId && tickets.Contains(r.TicketId)).ToDictionaryAsync(r => r.TicketId, cancellationToken);
                    foreach (var row in batch)
                    {
                        if (existing.TryGetValue(row.TicketId, out var record))
                        {
                            updated++;
                        }
                        else
                        {
                            record = new ServiceRecord(teamId, row.TicketId);
                            db.ServiceRecords.Add(record);
                            imported++;
                        }

                        record.Update(row.Data, now);
                    }

                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    progress?.Report(imported + updated);
                    observer?.Written(imported + updated);
                }

                db.Audit(actor, now, "Team", teamId, "ServiceRecordsImported", null,
                    string.Create(CultureInfo.InvariantCulture, $"file={fileName}; imported={imported}; updated={updated}; skippedRows={total - clean}"));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            db.ChangeTracker.Clear();
        }

        return new ImportResult(imported, updated, errors, errorCount, Written: true);
    }

    /// <summary>Reads and validates the whole file; no database access. Throws <see cref="UploadRefusedException"/> past a cap.</summary>
    public static (List<ParsedRow> Rows, List<ImportError> Errors, int ErrorCount) Parse(Stream file, TimeZoneInfo zone, IImportObserver? observer = null,
        UploadOptions? limits = null, int? maxRows = null)
    {
        var problems = new Problems();
        var rows = ReadRows(file, zone, limits ?? new UploadOptions(), maxRows, problems, observer).ToList();
        return (rows, problems.Errors, problems.Count);
    }

    /// <summary>The problems found while reading: all counted, the first <see cref="ImportResult.MaxListedErrors"/> kept.</summary>
    private sealed class Problems
    {
        public List<ImportError> Errors { get; } = [];

        public int Count { get; private set; }

        public void Fail(int row, string column, string? value, string code, string message)
        {
            Count++;
            if (Errors.Count < ImportResult.MaxListedErrors)
            {
                Errors.Add(new ImportError(row, column, value is { Length: > 100 } ? value[..100] + "…" : value, code, message));
            }
        }
    }

    /// <summary>The validated data rows, streamed: nothing but the ticket ids seen (for duplicates) is kept between rows.</summary>
    private static IEnumerable<ParsedRow> ReadRows(Stream file, TimeZoneInfo zone, UploadOptions limits, int? maxRows, Problems problems, IImportObserver? observer)
    {
        const string Unreadable = "The file could not be read as .xlsx or UTF-8 .csv.";
        IEnumerator<ImportCell[]> source;
        try
        {
            source = TabularReaders.Read(file, limits).GetEnumerator();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or OpenXmlPackageException)
        {
            problems.Fail(1, "", null, "Unreadable", Unreadable);
            yield break;
        }

        using (source)
        {
            var map = new Dictionary<ImportColumn, (int Index, string Header)>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var number = 0;
            var rows = 0;
            while (true)
            {
                // A C# iterator cannot yield inside a try with a catch: only the reading of the next row is guarded.
                bool more;
                try
                {
                    more = source.MoveNext();
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or InvalidOperationException or ArgumentException or OpenXmlPackageException or FileFormatException)
                {
                    problems.Fail(Math.Max(1, number), "", null, "Unreadable", Unreadable);
                    yield break;
                }

                if (!more)
                {
                    break;
                }

                var cells = source.Current;
                number++;
                if (number == 1)
                {
                    if (!ReadHeader(cells, map, problems.Fail))
                    {
                        yield break;
                    }

                    continue;
                }

                if (cells.All(c => string.IsNullOrWhiteSpace(c.Text)))
                {
                    continue;
                }

                if (rows >= maxRows)
                {
                    throw UploadRefusedException.TooLarge("SynchronousRows", maxRows.Value, bytes: false, "For an immediate import, the file has");
                }

                rows++;
                yield return ReadRow(number, cells, map, seen, zone, problems.Fail);
                if (rows % ObserveEvery == 0)
                {
                    observer?.Read(rows, problems.Count);
                }
            }

            observer?.Read(rows, problems.Count);
            if (number == 0)
            {
                problems.Fail(1, "", null, "Empty", "The file is empty.");
            }
        }
    }

    private static bool ReadHeader(ImportCell[] cells, Dictionary<ImportColumn, (int, string)> map, Action<int, string, string?, string, string> fail)
    {
        var ok = true;
        for (var i = 0; i < cells.Length; i++)
        {
            var header = cells[i].Text?.Trim();
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            if (ImportColumns.FromHeader(header) is not { } column)
            {
                fail(1, header, header, "UnknownHeader", $"'{header}' is not a column of the service-record file.");
                ok = false;
            }
            else if (!map.TryAdd(column, (i, header)))
            {
                fail(1, header, header, "DuplicateHeader", $"The column '{header}' appears twice.");
                ok = false;
            }
        }

        foreach (var required in ImportColumns.Required.Where(c => !map.ContainsKey(c)))
        {
            var (_, chinese, english) = ImportColumns.All.Single(c => c.Column == required);
            fail(1, chinese, null, "MissingHeader", $"The column {chinese} ({english}) is missing.");
            ok = false;
        }

        return ok;
    }

    private static ParsedRow ReadRow(int number, ImportCell[] cells, Dictionary<ImportColumn, (int Index, string Header)> map,
        Dictionary<string, int> seen, TimeZoneInfo zone, Action<int, string, string?, string, string> fail)
    {
        var failed = false;
        void Fail(ImportColumn column, string? value, string code, string message)
        {
            failed = true;
            fail(number, map.TryGetValue(column, out var m) ? m.Header : ImportColumns.All.Single(c => c.Column == column).Chinese, value, code, message);
        }

        string? Text(ImportColumn column)
        {
            if (!map.TryGetValue(column, out var m) || m.Index >= cells.Length)
            {
                return null;
            }

            var cell = cells[m.Index];
            if (cell.IsFormula)
            {
                Fail(column, cell.Text, "Formula", "The cell holds a formula; paste values only.");
                return null;
            }

            return string.IsNullOrWhiteSpace(cell.Text) ? null : cell.Text.Trim();
        }

        string? Limited(ImportColumn column, int max)
        {
            var text = Text(column);
            if (text is { Length: var length } && length > max)
            {
                Fail(column, text, "TooLong", string.Create(CultureInfo.InvariantCulture, $"The text is longer than {max} characters."));
                return null;
            }

            return text;
        }

        DateTime? Time(ImportColumn column)
        {
            var text = Text(column);
            if (text is null)
            {
                return null;
            }

            if (ParseLocalTime(text) is not { } local)
            {
                Fail(column, text, "BadDate", "Not a date and time (yyyy-MM-dd HH:mm, yyyy/M/d H:mm, yyyy年M月d日 H:mm, or an Excel date).");
                return null;
            }

            if (zone.IsInvalidTime(local))
            {
                Fail(column, text, "BadDate", "This local time does not exist in the project's time zone.");
                return null;
            }

            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        T? Word<T>(ImportColumn column, Func<string, T?> parse, string code, string message)
            where T : struct
        {
            var text = Text(column);
            if (text is null)
            {
                return null;
            }

            var value = parse(text);
            if (value is null)
            {
                Fail(column, text, code, message);
            }

            return value;
        }

        var ticket = Limited(ImportColumn.TicketId, 100);
        if (ticket is null && !failed)
        {
            Fail(ImportColumn.TicketId, null, "TicketIdRequired", "The ticket id is missing.");
        }
        else if (ticket is not null && !seen.TryAdd(ticket, number))
        {
            Fail(ImportColumn.TicketId, ticket, "DuplicateTicket", string.Create(CultureInfo.InvariantCulture, $"The ticket id also appears in row {seen[ticket]}."));
        }

        var data = new ServiceRecordData
        {
            Customer = Limited(ImportColumn.Customer, 200),
            Channel = Word(ImportColumn.Channel, ImportColumns.ParseChannel, "BadChannel", "Not a channel: 电话/Phone, 邮件/Email, 现场/OnSite, 即时通讯/IM, 其他/Other."),
            Type = Word(ImportColumn.Type, ImportColumns.ParseType, "BadType", "Not a type: 需求/Request, 投诉/Complaint, 咨询/Consultation."),
            Summary = Limited(ImportColumn.Summary, 2000),
            ReceivedAt = Time(ImportColumn.ReceivedAt),
            FirstResponseAt = Time(ImportColumn.FirstResponseAt),
            ResolvedAt = Time(ImportColumn.ResolvedAt),
            ResolvedAtFirstContact = Word(ImportColumn.ResolvedAtFirstContact, ImportColumns.ParseYesNo, "BadYesNo", "Not yes or no: 是/否, yes/no, true/false, 1/0."),
            Handler = Limited(ImportColumn.Handler, 100),
            ClosedAt = Time(ImportColumn.ClosedAt),
            ArchivedAt = Time(ImportColumn.ArchivedAt),
        };

        if (data.ReceivedAt is null && Text(ImportColumn.ReceivedAt) is null)
        {
            Fail(ImportColumn.ReceivedAt, null, "ReceivedRequired", "The received time is missing: the record would belong to no period.");
        }

        if (data.ReceivedAt is { } received)
        {
            if (data.FirstResponseAt < received)
            {
                Fail(ImportColumn.FirstResponseAt, Text(ImportColumn.FirstResponseAt), "ResponseBeforeReceipt", "The first response is earlier than the receipt.");
            }

            if (data.ResolvedAt < received)
            {
                Fail(ImportColumn.ResolvedAt, Text(ImportColumn.ResolvedAt), "ResolvedBeforeReceipt", "The resolution is earlier than the receipt.");
            }

            if (data.ClosedAt < received)
            {
                Fail(ImportColumn.ClosedAt, Text(ImportColumn.ClosedAt), "ClosedBeforeReceipt", "The closing time is earlier than the receipt.");
            }
        }

        if (data.ClosedAt is { } closed && data.ArchivedAt < closed)
        {
            Fail(ImportColumn.ArchivedAt, Text(ImportColumn.ArchivedAt), "ArchivedBeforeClosed", "The archive time is earlier than the closing time.");
        }

        return new ParsedRow(number, ticket ?? "", data, failed);
    }

    /// <summary>A local date and time in one of the accepted formats, or an Excel serial date (days since 1899-12-30).</summary>
    public static DateTime? ParseLocalTime(string text)
    {
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            // Excel stores times as fractions of a day; round to the second it displays.
            var value = DateTime.FromOADate(serial);
            return new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second).AddSeconds(value.Millisecond >= 500 ? 1 : 0);
        }

        return null;
    }

    /// <summary>A validated row: the ticket id and the record's fields (in UTC).</summary>
    public sealed record ParsedRow(int Row, string TicketId, ServiceRecordData Data, bool HasError);
}
