namespace ServiceReview.Web.Features.Attachments;

/// <summary>An attachment as a page lists it: images as a thumbnail linking to the full size, other files by name and size.</summary>
public sealed record AttachmentItem(int Id, string Name, long Size, string ContentType, bool IsImage, string? IndicatorCode)
{
    /// <summary>A short label of the file's kind, decided from its content type: PDF, XLSX, DOCX, CSV, TXT.</summary>
    public string KindLabel => ContentType switch
    {
        "application/pdf" => "PDF",
        "text/csv" => "CSV",
        "text/plain" => "TXT",
        _ when ContentType.Contains("spreadsheet", StringComparison.Ordinal) => "XLSX",
        _ when ContentType.Contains("wordprocessing", StringComparison.Ordinal) => "DOCX",
        _ => "FILE",
    };
}
