using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Playwright;
using ServiceReview.Browser.Tests.Fixtures;
using ServiceReview.Testing.Builders;
using static Microsoft.Playwright.Assertions;

namespace ServiceReview.Browser.Tests.Journey;

/// <summary>
/// Issue #14's record, clicked through by its people: the inspector photographs evidence on a tablet and submits; the
/// lead disputes one indicator in place with a PDF; the manager opens the record from the team's result page, sees the
/// photo, the PDF, the dispute and the history, rules, and writes a comment; the lead is told, opens the record from the
/// notification and answers. A record of the default plan without files prints on at most two A4 pages, and the record
/// sheet lists the files by name.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class The_record_of_one_inspection(BrowserApp app)
{
    private const string PhotoName = "前台服务现场.png";
    private const string PdfName = "客户回访记录.pdf";
    private const string Disputed = "3.2";

    [SkippableFact]
    public async Task Evidence_a_dispute_a_ruling_and_a_conversation_end_up_on_one_record()
    {
        SetDefaultExpectTimeout(15_000);
        var ids = await app.RecordJourneyAsync();
        var record = $"/inspections/{ids.InspectionId}";

        // The inspector, on a tablet: a photo for 3.1 from the camera input, then submit.
        var tablet = await app.NewPageAsync(null, 768, 1024, touch: true);
        await BrowserApp.SignInAsync(tablet, "inspector3@demo.local");
        await tablet.GotoAsync($"/Inspections/Fill/{ids.InspectionId}");
        var evidence = tablet.Locator("[data-evidence][data-indicator='3.1']");
        await evidence.Locator("input[capture]").SetInputFilesAsync(new FilePayload { Name = PhotoName, MimeType = "image/png", Buffer = EvidenceFiles.Png(1200, 900) });
        await Expect(evidence.Locator("[data-attachment-id] img")).ToBeVisibleAsync();
        await evidence.ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(tablet, "record-inspector-photographs", fullPage: false);
        await tablet.Locator("#submit-inspection").ClickAsync();
        await tablet.WaitForURLAsync(new Regex($"{Regex.Escape(record)}$"));
        await Expect(tablet.Locator("[data-indicator='3.1'] [data-attachment] img")).ToBeVisibleAsync();
        await tablet.Context.CloseAsync();

        // The lead disputes 3.2 in place, with a PDF.
        var lead = await app.NewPageAsync();
        await BrowserApp.SignInAsync(lead, "lead2@demo.local");
        await lead.GotoAsync($"/Reviews/Review/{ids.InspectionId}");
        var control = lead.Locator($"[data-dispute-control='{Disputed}']");
        await control.Locator("summary").ClickAsync();
        await control.Locator("textarea").FillAsync("回访记录显示沟通顺畅，应评为良好。");
        await control.Locator("input[type=file]:not([capture])").SetInputFilesAsync(new FilePayload { Name = PdfName, MimeType = "application/pdf", Buffer = EvidenceFiles.Pdf() });
        await lead.Locator("[data-dispute-submit]").ClickAsync();
        await Expect(lead.Locator("main .alert[role=status]").First).ToBeVisibleAsync();

        // The manager opens the record from the team's result page and sees photo, PDF, dispute and history.
        var manager = await app.NewPageAsync();
        await BrowserApp.SignInAsync(manager, "manager@demo.local");
        await manager.GotoAsync($"/Results/Team/{ids.RoundId}/{ids.TeamId}");
        await manager.Locator($"[data-record-link='{ids.InspectionId}']").First.ClickAsync();
        await manager.WaitForURLAsync(new Regex($"{Regex.Escape(record)}$"));
        var photo = manager.Locator("[data-indicator='3.1'] [data-attachment] img");
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo's thumbnail does not load");
        var dispute = manager.Locator($"[data-dispute='{Disputed}']");
        await Expect(dispute).ToContainTextAsync(PdfName);
        await Expect(manager.Locator("[data-timeline-event='Submitted']")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-timeline-event='Disputed']")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-timeline-event='Attached']")).ToHaveCountAsync(2);
        // The team has no service records in this period: a figure of 0 / 0 offers no list of records behind it.
        await Expect(manager.Locator("[data-indicator='1.1']")).ToContainTextAsync("0 / 0");
        await Expect(manager.Locator("[data-indicator='1.1'] [data-measured-link]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(manager, "record-manager-reads");

        // The PDF opens as a download of the same bytes; the photo opens full size.
        var pdfHref = await dispute.Locator("a[href^='/attachments/']").First.GetAttributeAsync("href");
        var pdf = await manager.APIRequest.GetAsync(pdfHref!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal(EvidenceFiles.Pdf(), await pdf.BodyAsync());
        Assert.StartsWith("attachment", pdf.Headers["content-disposition"], StringComparison.Ordinal);

        // The manager rules from the record (upheld, with a ruling) and comes back to it.
        await manager.Locator("[data-arbitrate]").ClickAsync();
        await manager.WaitForURLAsync(new Regex(@"/Disputes/Arbitrate/\d+$"));
        await Expect(manager.Locator($"[data-dispute-attachments='{Disputed}']")).ToContainTextAsync(PdfName);
        await manager.Locator("#ruling-0").FillAsync("维持原评分：回访记录中仍有两次交接遗漏。");
        await manager.Locator("form[action*='/Arbitrate'] button[type=submit]").ClickAsync();
        await manager.WaitForURLAsync(url => !url.Contains("/Arbitrate/", StringComparison.Ordinal));
        await manager.GotoAsync(record);
        await Expect(manager.Locator($"[data-timeline-event='Ruled'][data-timeline-indicator='{Disputed}']")).ToHaveCountAsync(1);

        // The manager comments on 3.2.
        await manager.Locator("#comment-text").FillAsync("请负责人补充本月交接记录。");
        await manager.Locator("#comment-indicator").SelectOptionAsync(Disputed);
        await manager.Locator("[data-conversation-form] button[type=submit]").ClickAsync();
        await Expect(manager.Locator("[data-comment]")).ToHaveCountAsync(1);

        // The lead is told, opens the record from the notification and answers.
        await lead.GotoAsync("/Notifications");
        var told = lead.Locator($"[data-notification][data-link^='{record}#comment-']");
        await Expect(told).ToHaveCountAsync(1);
        await told.Locator("button[type=submit]").ClickAsync();
        await lead.WaitForURLAsync(new Regex($"{Regex.Escape(record)}"));
        await lead.Locator("#comment-text").FillAsync("已补充，见附件。");
        await lead.Locator("#comment-files").SetInputFilesAsync(new FilePayload { Name = "交接记录.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("日期,交接人\n2025-03-05,张三\n") });
        await lead.Locator("[data-conversation-form] button[type=submit]").ClickAsync();
        await Expect(lead.Locator("[data-comment]")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(lead, "record-lead-answers");

        // The record sheet lists every file by name.
        var sheet = await manager.APIRequest.GetAsync($"{record}/export");
        Assert.Equal(200, sheet.Status);
        using var workbook = new XLWorkbook(new MemoryStream(await sheet.BodyAsync()));
        var text = string.Join("\n", workbook.Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString()));
        Assert.Contains(PhotoName, text, StringComparison.Ordinal);
        Assert.Contains(PdfName, text, StringComparison.Ordinal);
        Assert.Contains("交接记录.csv", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_record_of_the_default_plan_prints_on_at_most_two_A4_pages()
    {
        var ids = await app.DetailPagesAsync();
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager@demo.local");
        await page.GotoAsync($"/inspections/{ids.SubmittedInspectionId}");
        await Expect(page.Locator("[data-record-total]")).ToBeVisibleAsync();

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });

        var pages = Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
        Assert.InRange(pages, 1, 2);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "record-print.pdf"), pdf);
    }
}
