using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Records;

/// <summary>What the record page (<c>/inspections/{id}</c>) and its JSON show of one inspection (issue #14).</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reading_a_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Inspector = "inspector1@demo.local";

    [Fact]
    public async Task Every_indicator_of_the_plan_is_shown_and_its_points_add_up_to_the_category_scores_and_the_stored_total()
    {
        var id = await SubmittedAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/inspections/{id}");

        var (plan, stored) = await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == id);
            var version = await db.PlanVersions.AsNoTracking().Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().FirstAsync(v => v.Id == inspection.PlanVersionId);
            return (version, inspection.Total!.Value);
        });
        var page = Html.Parse(html);
        Assert.Equal(plan.IndicatorsInOrder().Select(i => i.Code), page.QuerySelectorAll("tr[data-indicator]").Select(r => r.GetAttribute("data-indicator")!));

        var categoryTotal = 0m;
        foreach (var category in plan.CategoriesInOrder())
        {
            var section = page.QuerySelector($"section[data-category='{category.Code}']")!;
            var shown = Decimal(section.QuerySelector("[data-category-score]")!.GetAttribute("data-category-score")!);
            var na = section.QuerySelectorAll("tr[data-indicator][data-na='true']").Select(r => r.GetAttribute("data-indicator")!).ToHashSet();
            var counted = category.IndicatorsInOrder().Where(i => !na.Contains(i.Code)).ToList();
            var sum = counted.Sum(i => Decimal(section.QuerySelector($"tr[data-indicator='{i.Code}'] [data-points]")!.GetAttribute("data-points")!));
            var expected = sum / counted.Sum(i => i.Max) * category.Weight;
            // Points are shown to one decimal, so their sum may stray from the unrounded score by a rounding per indicator.
            Assert.True(Math.Abs(expected - shown) <= 0.05m * (counted.Count + 1), $"category {category.Code}: points {sum} of {counted.Sum(i => i.Max)} × {category.Weight} = {expected}, shown {shown}");
            categoryTotal += shown;
        }

        var total = Decimal(Html.AttributeOf(html, "[data-record-total]", "data-record-total")!);
        Assert.Equal(stored, total);
        Assert.True(Math.Abs(categoryTotal - total) <= 0.3m, $"categories {categoryTotal}, total {total}");
        Assert.Equal(73.1m, total); // the worked example of scoring.md
        Assert.Equal(["2.2"], page.QuerySelectorAll("tr[data-na='true']").Select(r => r.GetAttribute("data-indicator")!));
    }

    [Fact]
    public async Task A_disputed_and_ruled_indicator_shows_the_reason_and_the_input_before_and_after_on_the_page_and_in_the_json()
    {
        var id = await SubmittedAsync();
        await factory.DisputeAndChangeAsync(id, "2.3", "已提供分析记录", "优秀", "分析记录齐全，改为优秀");
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/inspections/{id}");
        var dispute = Html.First(html, "[data-dispute='2.3']")!;
        Assert.Equal("已提供分析记录", dispute.QuerySelector("[data-dispute-reason]")!.TextContent.Trim());
        Assert.Equal(nameof(DisputeOutcome.Changed), dispute.QuerySelector("[data-ruling]")!.GetAttribute("data-ruling"));
        Assert.Contains("良好", dispute.QuerySelector("[data-ruling-from]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("优秀", dispute.QuerySelector("[data-ruling-to]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("分析记录齐全，改为优秀", dispute.QuerySelector("[data-ruling-text]")!.TextContent.Trim());
        Assert.NotNull(Html.First(html, "[data-timeline-event='Ruled'][data-timeline-indicator='2.3']"));
        Assert.NotNull(Html.First(html, "[data-timeline-event='Disputed'][data-timeline-indicator='2.3']"));

        using var json = await JsonAsync(manager, id);
        var ruled = Assert.Single(json.RootElement.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "Ruled");
        Assert.Equal("2.3", ruled.GetProperty("indicator").GetString());
        Assert.Equal("良好", ruled.GetProperty("from").GetProperty("level").GetString());
        Assert.Equal("优秀", ruled.GetProperty("to").GetProperty("level").GetString());
        Assert.Equal("分析记录齐全，改为优秀", ruled.GetProperty("note").GetString());
        var changed = Assert.Single(json.RootElement.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "ScoreChanged");
        Assert.Equal("2.3", changed.GetProperty("indicator").GetString());
        Assert.Equal(7m, changed.GetProperty("to").GetProperty("points").GetDecimal());
        var order = json.RootElement.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.True(order.IndexOf("Disputed") < order.IndexOf("Ruled") && order.IndexOf("Ruled") < order.IndexOf("ScoreChanged")
            && order.IndexOf("ScoreChanged") < order.IndexOf("Arbitrated"), string.Join(", ", order));
        Assert.Equal("优秀", json.RootElement.GetProperty("items").GetProperty("2.3").GetProperty("level").GetString());
        var ruling = Assert.Single(json.RootElement.GetProperty("rulings").EnumerateArray());
        Assert.Equal("Changed", ruling.GetProperty("outcome").GetString());
        Assert.Equal("良好", ruling.GetProperty("from").GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_measured_figure_links_to_the_teams_records_in_the_rounds_period_that_failed_its_rule()
    {
        await factory.EnsureDemoDataAsync();
        // A demo record whose completeness figure counted some incomplete records.
        var (id, teamId, start, end, openedAt, numerator, denominator) = await factory.WithDbAsync(async db =>
        {
            var row = await (
                from i in db.Inspections
                join r in db.Rounds on i.RoundId equals r.Id
                from e in i.Entries
                where i.Status == InspectionStatus.Confirmed && e.IndicatorCode == "1.1" && e.MeasuredDenominator > e.MeasuredNumerator
                orderby i.Id
                select new { i.Id, i.TeamId, r.PeriodStart, r.PeriodEnd, OpenedAt = r.OpenedAt!.Value, N = e.MeasuredNumerator!.Value, D = e.MeasuredDenominator!.Value }).FirstAsync();
            return (row.Id, row.TeamId, row.PeriodStart, row.PeriodEnd, DateTime.SpecifyKind(row.OpenedAt, DateTimeKind.Utc), row.N, row.D);
        });
        var manager = await factory.SignedInAsync("manager@demo.local");

        var html = await manager.GetStringAsync($"/inspections/{id}");

        var link = Html.First(html, "[data-measured='1.1'] [data-measured-link]")!;
        Assert.Equal("Incomplete", link.GetAttribute("data-measured-link"));
        var href = link.GetAttribute("href")!;
        // Judged as the records stood when the figure was taken (the demo data takes them when the round opens).
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"/ServiceRecords/Team/{teamId}?from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}&slice=Incomplete&asOf={openedAt:O}"), href);
        Assert.Contains(Texts.Zh("Record.Measured.Failing", denominator - numerator), link.TextContent, StringComparison.Ordinal);

        // The list behind the link holds exactly the records the figure counted against the team.
        var records = await F.PageTextAsync(manager, href);
        Assert.Contains(Texts.Zh("Records.Team.Count", denominator - numerator), records, StringComparison.Ordinal);
        var all = await F.PageTextAsync(manager, Html.AttributeOf(html, "[data-measured='1.1'] [data-measured-all]", "href")!);
        Assert.Contains(Texts.Zh("Records.Team.Count", denominator), all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_and_comments_are_shown_where_they_belong_and_listed_in_the_json()
    {
        var id = await SubmittedAsync();
        var (photo, pdf, commentId) = await factory.WithDbAsync(async db =>
        {
            var inspector = await db.People.Where(p => p.Email == Inspector).Select(p => p.Id).FirstAsync();
            var lead = await db.People.Where(p => p.Email == "lead1@demo.local").Select(p => p.Id).FirstAsync();
            var now = DateTime.UtcNow;
            var image = new Attachment(AttachmentOwner.Indicator(id, "1.3"), new StoredFile("机房备份.jpg", "image/jpeg", AttachmentKind.Image, 52_000, new string('a', 64), "k-photo", 800, 600, "k-thumb"), inspector, now);
            var comment = new Comment(id, "4.2", lead, "已补充合同条款说明", now.AddMinutes(1));
            db.Attachments.Add(image);
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            var file = new Attachment(AttachmentOwner.Comment(id, comment.Id, "4.2"), new StoredFile("合同.pdf", "application/pdf", AttachmentKind.Pdf, 120_000, new string('b', 64), "k-pdf"), lead, now.AddMinutes(1));
            db.Attachments.Add(file);
            await db.SaveChangesAsync();
            return (image.Id, file.Id, comment.Id);
        });
        var lead1 = await factory.SignedInAsync("lead1@demo.local");

        var html = await lead1.GetStringAsync($"/inspections/{id}");

        var thumb = Html.First(html, $"tr[data-indicator='1.3'] [data-attachment='{photo}'] a img")!;
        Assert.Equal($"/attachments/{photo}/thumbnail", thumb.GetAttribute("src"));
        Assert.Equal("机房备份.jpg", thumb.GetAttribute("alt"));
        Assert.Equal($"/attachments/{photo}", Html.AttributeOf(html, $"[data-attachment='{photo}'] a", "href"));
        var comment = Html.First(html, $"[data-comment='{commentId}']")!;
        Assert.Equal("4.2", comment.QuerySelector("[data-comment-indicator]")?.GetAttribute("data-comment-indicator"));
        Assert.Contains("已补充合同条款说明", comment.TextContent, StringComparison.Ordinal);
        Assert.Contains("合同.pdf", comment.QuerySelector($"[data-attachment='{pdf}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(Html.First(html, "section#conversation[data-conversation]"));
        // The browser posts the form as it is: it carries its own antiforgery token.
        Assert.NotNull(Html.First(html, "form[data-conversation-form] input[name='__RequestVerificationToken']"));
        Assert.NotNull(Html.First(html, "[data-timeline-event='Commented'][data-timeline-indicator='4.2']"));
        Assert.NotNull(Html.First(html, "[data-timeline-event='Attached'][data-timeline-indicator='1.3']"));

        using var json = await JsonAsync(lead1, id);
        var files = json.RootElement.GetProperty("attachments").EnumerateArray().ToList();
        var image = Assert.Single(files, f => f.GetProperty("id").GetInt32() == photo);
        Assert.Equal("机房备份.jpg", image.GetProperty("name").GetString());
        Assert.Equal(52_000, image.GetProperty("size").GetInt64());
        Assert.Equal("image/jpeg", image.GetProperty("contentType").GetString());
        Assert.Equal("1.3", image.GetProperty("indicator").GetString());
        var said = Assert.Single(json.RootElement.GetProperty("comments").EnumerateArray());
        Assert.Equal(commentId, said.GetProperty("id").GetInt32());
        Assert.Equal("4.2", said.GetProperty("indicator").GetString());
        Assert.Equal("已补充合同条款说明", said.GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(said.GetProperty("author").GetString()));
        Assert.Equal(pdf, Assert.Single(said.GetProperty("attachments").EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task The_json_has_the_fields_of_a_results_inspection_and_the_history_of_the_form()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector] });
        var id = round[F.Lead1Team, Inspector];
        var inspector = await factory.SignedInAsync(Inspector);
        for (var i = 0; i < 3; i++)
        {
            var page = await inspector.GetStringAsync($"/Inspections/Fill/{id}");
            var draft = await inspector.PostAsync($"/Inspections/Fill/{id}",
                Inspections.FormFields.WorkedExample().Content(F.FormTokenOf(page), F.StampOf(page), "draft", seconds: 200));
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var form = await inspector.GetStringAsync($"/Inspections/Fill/{id}");
        var submitted = await inspector.PostAsync($"/Inspections/Fill/{id}",
            Inspections.FormFields.WorkedExample().Content(F.FormTokenOf(form), F.StampOf(form), "submit"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        using var json = await JsonAsync(inspector, id);
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetInt32());
        Assert.Equal(Inspector, root.GetProperty("inspector").GetString());
        Assert.Equal("Submitted", root.GetProperty("status").GetString());
        Assert.Equal(73.1m, root.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("vetoedBy").ValueKind);
        Assert.Equal(5, root.GetProperty("categories").GetArrayLength());
        Assert.Equal(14, root.GetProperty("items").EnumerateObject().Count());
        Assert.True(root.GetProperty("items").GetProperty("2.2").GetProperty("na").GetBoolean());
        Assert.Equal("良好", root.GetProperty("items").GetProperty("2.3").GetProperty("level").GetString());
        Assert.Equal(0, root.GetProperty("rulings").GetArrayLength());
        Assert.Equal("两条记录逾期归档", root.GetProperty("notes").GetProperty("1.2").GetString());
        Assert.Equal(600, root.GetProperty("timeSpentSeconds").GetInt32());
        Assert.Equal(0, root.GetProperty("attachments").GetArrayLength());
        Assert.Equal(0, root.GetProperty("comments").GetArrayLength());
        var events = root.GetProperty("timeline").EnumerateArray().ToList();
        var submit = Assert.Single(events, e => e.GetProperty("event").GetString() == "Submitted");
        Assert.EndsWith("Z", submit.GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(submit.GetProperty("actor").GetString()));
        foreach (var field in new[] { "at", "actor", "event", "indicator", "from", "to", "note" })
        {
            Assert.True(submit.TryGetProperty(field, out _), $"timeline event without {field}");
        }

        // Three drafts saved within seconds: only the first is recorded (draft saves are audited at most once every five
        // minutes, issue #15; the last draft with its count: Inspections/Autosaves_in_the_audit_log); oldest first, the
        // submission after it.
        var names = events.Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Single(names, n => n == "FirstDraft");
        Assert.DoesNotContain("LastDraft", names);
        Assert.True(names.IndexOf("FirstDraft") < names.IndexOf("Submitted"), string.Join(", ", names));
        Assert.DoesNotContain("DraftSaved", names);
        var ats = events.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(ats.Order(), ats);
    }

    [Fact]
    public async Task The_inspector_sees_their_unsubmitted_record_read_only_with_a_way_back_to_the_form_and_the_page_prints_without_inline_script()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector] });
        var id = round[F.Lead1Team, Inspector];
        var inspector = await factory.SignedInAsync(Inspector);

        var html = await inspector.GetStringAsync($"/inspections/{id}");

        Assert.Equal($"/Inspections/Fill/{id}", Html.AttributeOf(html, "a[data-continue]", "href"));
        // Read-only: no form but the conversation's (a comment changes nothing in the record).
        Assert.Empty(Html.All(html, "article.record form:not([data-conversation-form]):not([action*='/comments/'])"));
        Assert.NotNull(Html.First(html, "button[data-print]"));
        Assert.NotNull(Html.First(html, "link[href^='/css/record.css']"));
        Assert.NotNull(Html.First(html, "script[src^='/js/record.js']"));
        Assert.DoesNotContain(Html.All(html, "script"), s => s.GetAttribute("src") is null && s.TextContent.Trim().Length > 0);
        Assert.Equal(2, Html.All(html, ".record-signatures .record-signature").Count);

        // The manager sees the same record without the way to the form.
        var manager = await factory.SignedInAsync("manager@demo.local");
        Assert.Null(Html.First(await manager.GetStringAsync($"/inspections/{id}"), "a[data-continue]"));
    }

    [Fact]
    public async Task The_lead_is_led_to_confirm_or_dispute_and_the_manager_to_rule_on_the_open_dispute()
    {
        var id = await SubmittedAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var manager = await factory.SignedInAsync("manager@demo.local");

        Assert.Equal($"/Reviews/Review/{id}", Html.AttributeOf(await lead.GetStringAsync($"/inspections/{id}"), "a[data-review]", "href"));
        Assert.Null(Html.First(await manager.GetStringAsync($"/inspections/{id}"), "a[data-arbitrate]"));

        var review = await lead.GetStringAsync($"/Reviews/Review/{id}");
        var disputed = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Dispute",
            [new("Id", id.ToString(CultureInfo.InvariantCulture)), new("Stamp", F.StampOf(review)), new("Items[0].Code", "3.2"), new("Items[0].Selected", "true"), new("Items[0].Reason", "沟通记录齐全")]);
        Assert.Equal(HttpStatusCode.Redirect, disputed.StatusCode);
        var disputeId = await factory.WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == id).Select(d => d.Id).SingleAsync());

        var managerPage = await manager.GetStringAsync($"/inspections/{id}");
        Assert.Equal($"/Disputes/Arbitrate/{disputeId}", Html.AttributeOf(managerPage, "a[data-arbitrate]", "href"));
        Assert.Null(Html.First(managerPage, "[data-dispute='3.2'] [data-ruling]"));
        Assert.Equal("沟通记录齐全", Html.TextOf(managerPage, "[data-dispute='3.2'] [data-dispute-reason]"));
        var leadPage = await lead.GetStringAsync($"/inspections/{id}");
        Assert.Null(Html.First(leadPage, "a[data-review]"));
        Assert.Null(Html.First(leadPage, "a[data-arbitrate]"));
    }

    private async Task<int> SubmittedAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector] });
        var id = round[F.Lead1Team, Inspector];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        return id;
    }

    private static async Task<JsonDocument> JsonAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/inspections/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
