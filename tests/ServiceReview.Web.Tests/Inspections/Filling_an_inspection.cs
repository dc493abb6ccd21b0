using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Filling_an_inspection(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task My_inspections_lists_the_inspectors_own_open_inspections_first_with_paging()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var own = await factory.WithDbAsync(db => (
            from i in db.Inspections
            join p in db.People on i.InspectorId equals p.Id
            where p.Email == "inspector1@demo.local"
            select new { i.Id, i.Status }).ToListAsync());

        var html = await client.GetStringAsync("/Inspections");

        Assert.Contains(Texts.Zh("Inspections.Index.Title"), html, StringComparison.Ordinal);
        var listed = System.Text.RegularExpressions.Regex.Matches(html, "data-inspection=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Math.Min(20, own.Count), listed.Count);
        Assert.All(listed, id => Assert.Contains(own, o => o.Id == id));
        var open = own.Where(o => o.Status is InspectionStatus.Assigned or InspectionStatus.InProgress).Select(o => o.Id).ToHashSet();
        Assert.NotEmpty(open);
        Assert.True(listed.Take(open.Count).All(open.Contains), "Open inspections come first.");
        if (own.Count > 20)
        {
            var second = await client.GetStringAsync("/Inspections?page=2");
            Assert.Contains("data-inspection=", second, StringComparison.Ordinal);
            Assert.Contains(Texts.Zh("Admin.Next"), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_form_shows_every_indicator_with_its_standard_rule_and_input()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var client = await factory.SignedInAsync("inspector1@demo.local");

        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");

        Assert.Contains(Texts.Zh("Inspections.Fill.Title"), html, StringComparison.Ordinal);
        foreach (var code in FormFields.Codes)
        {
            Assert.Contains($"data-code=\"{code}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains(Texts.Zh("Inspections.Fill.MaxPoints", "≥98% → 8 分；≥95% → 6 分；≥90% → 4 分；否则 0"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.MaxPoints", "每次扣 2.5"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.MaxPoints", "优秀 10 分；良好 8 分；一般 6 分；较差 3 分；差 0"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Exports.Record.Col.Standard"), html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.Critical"), html, StringComparison.Ordinal);
        Assert.Contains("name=\"Items[10].Pass\" value=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("<legend", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_draft_keeps_the_inputs_adds_the_time_and_writes_an_audit_entry()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector2@demo.local");
        var client = await factory.SignedInAsync("inspector2@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");

        var response = await client.PostAsync($"/Inspections/Fill/{id}", new FormFields().Set("3.1", "Level", "良好").Set("4.2", "Count", "1")
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "draft", seconds: 125));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains(Texts.Zh("Inspections.Draft.Saved"), page, StringComparison.Ordinal);
        var saved = await factory.WithDbAsync(db => db.Inspections.Include(i => i.Entries).AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal(InspectionStatus.InProgress, saved.Status);
        Assert.Equal(125, saved.TimeSpentSeconds);
        Assert.Equal(Texts.Zh("Analytics.Reading.Good"), saved.Entries.Single(e => e.IndicatorCode == "3.1").Level);
        Assert.Equal(1, saved.Entries.Single(e => e.IndicatorCode == "4.2").Count);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == "Inspection" && a.EntityId == id.ToString() && a.Action == "DraftSaved")));
        Assert.Contains("value=\"良好\" checked=\"checked\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_autosave_endpoint_returns_the_new_stamp_and_accumulates_time()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector3@demo.local");
        var client = await factory.SignedInAsync("inspector3@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var stamp = ServiceReviewWebFactory.StampOf(html);
        var token = ServiceReviewWebFactory.FormTokenOf(html);

        var first = await PostDraftAsync(client, id, new FormFields().Set("1.3", "Pass", "true").Content(token, stamp, null, seconds: 40));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        var newStamp = body.GetProperty("stamp").GetString()!;
        Assert.NotEqual(stamp, newStamp);
        Assert.Equal(40, body.GetProperty("timeSpentSeconds").GetInt32());

        var second = await PostDraftAsync(client, id, new FormFields().Set("1.3", "Pass", "false").Content(token, newStamp, null, seconds: 20));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(60, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeSpentSeconds").GetInt32());
        Assert.False(await factory.WithDbAsync(async db => (await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id)).Entries.Single(e => e.IndicatorCode == "1.3").Pass!.Value));
    }

    [Fact]
    public async Task A_save_with_a_stale_stamp_is_a_conflict_that_names_who_changed_it_and_keeps_the_typed_input()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector4@demo.local");
        var client = await factory.SignedInAsync("inspector4@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var stamp = ServiceReviewWebFactory.StampOf(html);
        var token = ServiceReviewWebFactory.FormTokenOf(html);
        Assert.Equal(HttpStatusCode.OK, (await PostDraftAsync(client, id, new FormFields().Set("3.2", "Level", "一般").Content(token, stamp, null))).StatusCode);

        var json = await PostDraftAsync(client, id, new FormFields().Set("3.2", "Level", "较差").Content(token, stamp, null));
        Assert.Equal(HttpStatusCode.Conflict, json.StatusCode);
        var self = await factory.NameOfAsync("inspector4@demo.local");
        Assert.Contains(self, (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var page = await client.PostAsync($"/Inspections/Fill/{id}", new FormFields().Set("3.2", "Level", "较差").Set("3.2", "Note", "我刚写的记录")
            .Content(token, stamp, "draft"));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var text = await page.Content.ReadAsStringAsync();
        Assert.Contains(Texts.Zh("Error.Concurrency.Conflict", self, "\u0000").Split('\u0000')[0], text, StringComparison.Ordinal); // who, before the time
        Assert.Contains("我刚写的记录", text, StringComparison.Ordinal);
        Assert.Contains("value=\"较差\" checked=\"checked\"", text, StringComparison.Ordinal);
        Assert.Equal(Texts.Zh("Analytics.Reading.Moderate"), await factory.WithDbAsync(async db => (await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id)).Entries.Single(e => e.IndicatorCode == "3.2").Level));
    }

    [Fact]
    public async Task Submitting_an_incomplete_record_lists_every_problem_next_to_its_indicator_and_at_the_top()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector5@demo.local");
        var client = await factory.SignedInAsync("inspector5@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var fields = FormFields.WorkedExample().Clear("5.3").Set("3.1", "Note", "").Set("1.2", "Note", "");

        var response = await client.PostAsync($"/Inspections/Fill/{id}",
            fields.Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(Texts.Zh("Inspections.Fill.ProblemsTitle", "3"), page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.SummaryLine", "5.3", "任务压力下高效完成", "尚未评分。"), page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.SummaryLine", "3.1", "与客户沟通方式得当", "此结果必须填写检查记录或依据。"), page, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Inspections.Fill.SummaryLine", "1.2", "档案归档及时", "此结果必须填写检查记录或依据。"), page, StringComparison.Ordinal);
        Assert.Matches("id=\"ind-5-3\"[^>]*has-problem|has-problem[^>]*id=\"ind-5-3\"", page);
        var saved = await factory.WithDbAsync(db => db.Inspections.AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal(InspectionStatus.InProgress, saved.Status);
        Assert.Null(saved.Total);
    }

    [Fact]
    public async Task An_input_the_rules_refuse_is_shown_next_to_its_indicator_and_nothing_is_saved()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");

        var response = await client.PostAsync($"/Inspections/Fill/{id}", new FormFields().Set("1.1", "Value", "120").Set("3.1", "Level", "良好")
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "draft"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(Texts.Zh("Inspections.Input.Scoring.ValueOutOfRange", "1.1", "120", "0", "100"), page, StringComparison.Ordinal);
        Assert.Contains("value=\"120\"", page, StringComparison.Ordinal);
        Assert.Equal(InspectionStatus.Assigned, await factory.WithDbAsync(async db => (await db.Inspections.FirstAsync(i => i.Id == id)).Status));
    }

    [Fact]
    public async Task Submitting_a_complete_record_scores_it_shows_the_record_and_a_second_submit_makes_no_second_transition()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector2@demo.local");
        var client = await factory.SignedInAsync("inspector2@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var token = ServiceReviewWebFactory.FormTokenOf(html);
        var stamp = ServiceReviewWebFactory.StampOf(html);

        var first = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample().Content(token, stamp, "submit", seconds: 600));
        var second = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample().Content(token, stamp, "submit", seconds: 600));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/inspections/{id}", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var details = await ServiceReviewWebFactory.GetFollowingStringAsync(client, second.Headers.Location!.ToString());
        Assert.Matches(Texts.ZhPattern("Inspections.Flash.AlreadySubmitted"), details);
        Assert.Equal("73.1", Html.AttributeOf(details, "[data-record-total]", "data-record-total"));
        Assert.Contains("合格", details, StringComparison.Ordinal);
        Assert.Equal("6.0 / 8.0", Html.TextOf(details, "[data-indicator='1.1'] td.text-end")); // points in the one points format
        var saved = await factory.WithDbAsync(db => db.Inspections.AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal(InspectionStatus.Submitted, saved.Status);
        Assert.Equal(73.1m, saved.Total);
        Assert.Equal(600, saved.TimeSpentSeconds);
        var audit = await factory.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "Inspection" && a.EntityId == id.ToString()).ToListAsync());
        var submitted = Assert.Single(audit, a => a.Action == "Submitted");
        Assert.Contains("73.1", submitted.NewValue, StringComparison.Ordinal);
        Assert.Equal("/inspections/" + id, (await client.GetAsync($"/Inspections/Fill/{id}")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_vetoed_record_shows_zero_and_the_score_before_the_veto()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector3@demo.local");
        var client = await factory.SignedInAsync("inspector3@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");

        var response = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample(breach: true)
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));

        var details = await ServiceReviewWebFactory.GetFollowingStringAsync(client, response.Headers.Location!.ToString());
        Assert.Contains(Texts.Zh("Inspections.Fill.SummaryLine", "因", "4.3 一票否决", "总分 0（否决前 68.1）"), details, StringComparison.Ordinal);
        Assert.Contains("不合格", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_stay_blind_until_the_inspector_has_submitted_their_own()
    {
        var mine = await factory.TakeOpenInspectionAsync("inspector4@demo.local");
        var (theirs, theirEmail) = await factory.TeammateInspectionAsync(mine);
        var me = await factory.SignedInAsync("inspector4@demo.local");
        var them = await factory.SignedInAsync(theirEmail);

        // They submit first: I have not, so I see nothing of theirs, and my record has no read-only view yet.
        await SubmitWorkedExampleAsync(them, theirs);
        var myForm = await me.GetStringAsync($"/Inspections/Fill/{mine}");
        Assert.DoesNotContain("other-total", myForm, StringComparison.Ordinal);
        Assert.DoesNotContain("73.1", myForm, StringComparison.Ordinal);
        var myRecord = await ServiceReviewWebFactory.GetFollowingStringAsync(me, $"/Inspections/Details/{mine}");
        Assert.Equal($"/Inspections/Fill/{mine}", Html.AttributeOf(myRecord, "[data-continue]", "href"));
        Assert.DoesNotContain("other-total", myRecord, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ServiceReviewWebFactory.GetFollowingAsync(me, $"/Inspections/Details/{theirs}")).StatusCode);

        // Once I have submitted, I see their total.
        await SubmitWorkedExampleAsync(me, mine, breach: true);
        var myDetails = await ServiceReviewWebFactory.GetFollowingStringAsync(me, $"/Inspections/Details/{mine}");
        Assert.Contains("class=\"other-total\"", myDetails, StringComparison.Ordinal);
        Assert.Contains("73.1", myDetails, StringComparison.Ordinal);
        var theirName = await factory.WithDbAsync(db => db.People.Where(p => p.Email == theirEmail).Select(p => p.DisplayName).SingleAsync());
        Assert.Contains(theirName, myDetails, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_inspection_of_a_closed_round_is_shown_read_only_with_the_other_inspectors_totals()
    {
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var id = await factory.WithDbAsync(db => (
            from i in db.Inspections
            join p in db.People on i.InspectorId equals p.Id
            where p.Email == "inspector1@demo.local" && i.Status == InspectionStatus.Confirmed
            select i.Id).FirstAsync());

        var html = await ServiceReviewWebFactory.GetFollowingStringAsync(client, $"/Inspections/Details/{id}");

        Assert.Contains(Texts.Zh("Inspections.Status.Confirmed"), html, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "class=\"other-total\""));
    }

    private static async Task SubmitWorkedExampleAsync(HttpClient client, int id, bool breach = false)
    {
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var response = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample(breach)
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    internal static async Task<HttpResponseMessage> PostDraftAsync(HttpClient client, int id, FormUrlEncodedContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inspections/{id}/draft") { Content = content };
        return await client.SendAsync(request);
    }
}
