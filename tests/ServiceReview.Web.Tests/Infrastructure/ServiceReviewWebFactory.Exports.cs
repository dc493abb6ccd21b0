using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the export tests: download a workbook, look for formulas, raise an action.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>GETs an export and checks it is an .xlsx; returns its bytes.</summary>
    public static async Task<byte[]> DownloadXlsxAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static XLWorkbook OpenWorkbook(byte[] bytes) => new(new MemoryStream(bytes));

    /// <summary>Every cell formula in the file, read with the Open XML SDK (not ClosedXML, which could hide one).</summary>
    public static IReadOnlyList<string> FormulasIn(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return document.WorkbookPart!.WorksheetParts
            .SelectMany(part => part.Worksheet.Descendants<CellFormula>())
            .Select(f => f.Text)
            .ToList();
    }

    /// <summary>Raises a corrective action directly (the actions pages are another feature's).</summary>
    public Task<int> RaiseActionAsync(int roundId, string teamName, string? indicator, string description, DateOnly due) =>
        WithDbAsync(async db =>
        {
            var team = await db.Teams.FirstAsync(t => t.Name == teamName);
            var manager = await db.People.FirstAsync(p => p.Email == "manager@demo.local");
            var action = new CorrectiveAction(roundId, team.Id, indicator, description, team.LeadId ?? manager.Id, due, manager.Id, DateTime.UtcNow);
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });
}
