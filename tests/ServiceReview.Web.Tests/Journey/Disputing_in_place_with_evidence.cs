using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>
/// Issue #14, item 4: the lead disputes indicators in place, on their rows of the review sheet, each with a reason and
/// files; files are checked before anything is written; the arbitration page shows them.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Disputing_in_place_with_evidence(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private async Task<int> SubmittedInspectionOfLead1TeamAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        var id = round[F.Lead1Team, "inspector1@demo.local"];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        return id;
    }

    /// <summary>The form field prefix of an indicator's row as the page names it (e.g. <c>Items[13]</c>).</summary>
    private static string PrefixOf(string html, string code)
    {
        var name = Html.AttributeOf(html, $"[data-dispute-control=\"{code}\"] textarea", "name");
        Assert.True(name is not null, $"No dispute control for {code}.");
        return name[..name.LastIndexOf('.')];
    }

    private async Task<(HttpClient Lead, HttpResponseMessage Response)> DisputeAsync(
        int id, IReadOnlyList<(string Code, string? Reason, bool Selected)> rows, IReadOnlyList<(string Code, string FileName, byte[] Content)> files)
    {
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var page = await lead.GetStringAsync($"/Reviews/Review/{id}");
        var fields = new List<KeyValuePair<string, string>> { new("Id", id.ToString()), new("Stamp", F.StampOf(page)) };

        // As a browser sends the form: every row's code, and the reason of the rows disputed.
        fields.AddRange(Html.All(page, "[data-dispute-control] input[name$='.Code']").Select(c => new KeyValuePair<string, string>(c.GetAttribute("name")!, c.GetAttribute("value")!)));
        foreach (var (code, reason, selected) in rows)
        {
            var prefix = PrefixOf(page, code);
            if (reason is not null)
            {
                fields.Add(new($"{prefix}.Reason", reason));
            }

            if (selected)
            {
                fields.Add(new($"{prefix}.Selected", "true"));
            }
        }

        var response = await F.PostFormWithFilesAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute", fields,
            files.Select(f => new UploadPart($"{PrefixOf(page, f.Code)}.Files", f.FileName, f.Content)));
        return (lead, response);
    }

    private Task<InspectionStatus> StatusAsync(int id) =>
        factory.WithDbAsync(db => db.Inspections.Where(i => i.Id == id).Select(i => i.Status).FirstAsync());

    private Task<(int Disputes, int Attachments)> WrittenAsync(int id) => factory.WithDbAsync(async db => (
        await db.Disputes.CountAsync(d => d.InspectionId == id), await db.Attachments.CountAsync(a => a.InspectionId == id)));

    [Fact]
    public async Task The_review_page_has_one_dispute_control_per_indicator_row_and_no_separate_checkbox_list()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var page = Html.Parse(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        var rows = page.QuerySelectorAll("tr[id^='row-']").Select(r => r.Id![4..]).ToList();
        var controls = page.QuerySelectorAll("[data-dispute-control]").Select(c => c.GetAttribute("data-dispute-control") ?? "").ToList();
        Assert.Equal(14, rows.Count);
        Assert.Equal(rows, controls);
        Assert.Empty(page.QuerySelectorAll("form[action$='/Reviews/Dispute'] input[type=checkbox]"));
        var control = page.QuerySelector("[data-dispute-control=\"5.3\"]")!;
        Assert.Equal("details", control.LocalName);
        Assert.NotNull(control.QuerySelector("summary"));
        Assert.NotNull(control.QuerySelector("textarea[name$='.Reason']"));
        Assert.NotNull(control.QuerySelector("input[type=file][multiple][name$='.Files']"));
        Assert.NotNull(control.QuerySelector("input[type=file][capture][accept='image/*'][name$='.Files']"));
        Assert.Equal("multipart/form-data", page.QuerySelector("form[action$='/Reviews/Dispute']")!.GetAttribute("enctype"));
        // The dispute control sits right under its own row.
        Assert.Equal("5.3", page.QuerySelector("tr[id='row-5.3']")!.NextElementSibling!.GetAttribute("data-dispute-row"));
    }

    [Fact]
    public async Task Disputing_two_indicators_with_a_pdf_on_one_stores_one_dispute_with_two_items_and_the_file_on_its_indicator()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();

        var (_, response) = await DisputeAsync(id,
            [("5.3", "延误由客户变更需求造成", false), ("3.2", "回访记录见附件", false)],
            [("3.2", "回访记录.pdf", F.UploadSamples.Pdf)]);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal(InspectionStatus.Disputed, await StatusAsync(id));
        var (dispute, attachments, audits) = await factory.WithDbAsync(async db => (
            await db.Disputes.Include(d => d.Items).SingleAsync(d => d.InspectionId == id),
            await db.Attachments.Where(a => a.InspectionId == id).ToListAsync(),
            await db.AuditLog.Where(a => a.EntityType == "Attachment" && a.Action == "Attached").ToListAsync()));
        Assert.Equal(["3.2", "5.3"], dispute.Items.Select(i => i.IndicatorCode).Order(StringComparer.Ordinal));
        var file = Assert.Single(attachments);
        Assert.Equal(AttachedTo.Dispute, file.To);
        Assert.Equal(dispute.Id, file.DisputeId);
        Assert.Equal("3.2", file.IndicatorCode);
        Assert.Equal("回访记录.pdf", file.FileName);
        Assert.Equal(AttachmentKind.Pdf, file.Kind);
        var audit = Assert.Single(audits, a => a.EntityId == file.Id.ToString());
        Assert.Equal($"inspection={id}; indicator=3.2; name=回访记录.pdf", audit.NewValue);
    }

    [Fact]
    public async Task A_row_opened_without_a_reason_gets_the_error_at_that_row_and_the_other_rows_reason_is_kept()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();

        var (_, response) = await DisputeAsync(id, [("5.3", "延误由客户变更需求造成", false), ("3.2", null, true)], []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var error = page.QuerySelector("[data-dispute-control=\"3.2\"] [data-reason-error=\"3.2\"]");
        Assert.NotNull(error);
        Assert.Equal(Texts.Zh("Reviews.Dispute.ReasonRequired", "3.2"), error.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-reason-error=\"5.3\"]"));
        Assert.Equal("延误由客户变更需求造成", page.QuerySelector("[data-dispute-control=\"5.3\"] textarea")!.TextContent.Trim());
        Assert.True(page.QuerySelector("[data-dispute-control=\"3.2\"]")!.HasAttribute("open"));
        Assert.True(page.QuerySelector("[data-dispute-control=\"5.3\"]")!.HasAttribute("open"));
        Assert.False(page.QuerySelector("[data-dispute-control=\"1.1\"]")!.HasAttribute("open"));
        Assert.Equal(InspectionStatus.Submitted, await StatusAsync(id));
        Assert.Equal((0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task A_program_is_refused_with_415_naming_the_file_at_its_row_and_nothing_is_written()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();

        var (_, response) = await DisputeAsync(id,
            [("5.3", "延误由客户变更需求造成", false), ("3.2", "回访记录见附件", false)],
            [("3.2", "回访记录.pdf", F.UploadSamples.Pdf), ("5.3", "工具.exe", F.UploadSamples.Exe)]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var error = page.QuerySelector("[data-dispute-control=\"5.3\"] [data-files-error=\"5.3\"]");
        Assert.NotNull(error);
        Assert.Equal(Texts.Zh("ReviewFiles.FileRefused", "工具.exe", Texts.Zh("Uploads.Refused.AttachmentType")), error.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-files-error=\"3.2\"]"));
        Assert.Equal("延误由客户变更需求造成", page.QuerySelector("[data-dispute-control=\"5.3\"] textarea")!.TextContent.Trim());
        Assert.Equal("回访记录见附件", page.QuerySelector("[data-dispute-control=\"3.2\"] textarea")!.TextContent.Trim());
        // Files are not kept: the rows that had files say to choose them again.
        Assert.NotNull(page.QuerySelector("[data-files-again=\"5.3\"]"));
        Assert.NotNull(page.QuerySelector("[data-files-again=\"3.2\"]"));
        Assert.Equal(InspectionStatus.Submitted, await StatusAsync(id));
        Assert.Equal((0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_nothing_is_written()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var tooBig = new byte[(10 * 1024 * 1024) + 1];
        F.UploadSamples.Pdf.CopyTo(tooBig, 0);

        var (_, response) = await DisputeAsync(id, [("5.3", "停电通知见附件", false)], [("5.3", "停电通知.pdf", tooBig)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = Html.First(await response.Content.ReadAsStringAsync(), "[data-files-error=\"5.3\"]");
        Assert.NotNull(error);
        Assert.Contains("停电通知.pdf", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(InspectionStatus.Submitted, await StatusAsync(id));
        Assert.Equal((0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task More_files_than_a_record_may_have_are_refused_with_413_at_the_row_and_nothing_is_written()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();

        var (_, response) = await DisputeAsync(id, [("5.3", "现场照片", false)],
            Enumerable.Range(1, 21).Select(n => ("5.3", $"现场{n}.png", F.UploadSamples.Png)).ToList());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(Texts.Zh("Uploads.Refused.AttachmentsPerRecord", "20"), Html.TextOf(await response.Content.ReadAsStringAsync(), "[data-files-error=\"5.3\"]"));
        Assert.Equal(InspectionStatus.Submitted, await StatusAsync(id));
        Assert.Equal((0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task The_arbitration_and_review_pages_show_each_disputed_indicators_files()
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var (lead, response) = await DisputeAsync(id,
            [("5.3", "停电通知见附件", false)],
            [("5.3", "停电通知.pdf", F.UploadSamples.Pdf), ("5.3", "现场.png", F.UploadSamples.Png)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (disputeId, pdf, png) = await factory.WithDbAsync(async db => (
            await db.Disputes.Where(d => d.InspectionId == id).Select(d => d.Id).SingleAsync(),
            await db.Attachments.Where(a => a.InspectionId == id && a.Kind == AttachmentKind.Pdf).Select(a => a.Id).SingleAsync(),
            await db.Attachments.Where(a => a.InspectionId == id && a.Kind == AttachmentKind.Image).Select(a => a.Id).SingleAsync()));
        var manager = await factory.SignedInAsync("manager@demo.local");

        var arbitrate = Html.Parse(await manager.GetStringAsync($"/Disputes/Arbitrate/{disputeId}"));
        var review = Html.Parse(await lead.GetStringAsync($"/Reviews/Review/{id}"));

        var files = arbitrate.QuerySelector("[data-dispute-attachments=\"5.3\"]");
        Assert.NotNull(files);
        Assert.Contains("停电通知.pdf", files.QuerySelector($"a[href='/attachments/{pdf}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(files.QuerySelector($"a[href='/attachments/{png}'] img[src='/attachments/{png}/thumbnail']"));
        var item = review.QuerySelector("[data-disputed-item=\"5.3\"]");
        Assert.NotNull(item);
        Assert.NotNull(item.QuerySelector($"a[href='/attachments/{pdf}']"));
        Assert.NotNull(item.QuerySelector($"img[src='/attachments/{png}/thumbnail']"));
        Assert.Empty(review.QuerySelectorAll("[data-dispute-control]"));
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task A_manager_or_administrator_opening_the_leads_review_page_is_sent_to_the_record(string email)
    {
        var id = await SubmittedInspectionOfLead1TeamAsync();
        var manager = await factory.SignedInAsync(email);

        var response = await manager.GetAsync($"/Reviews/Review/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/inspections/{id}", response.Headers.Location!.OriginalString);
    }
}
