using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>Issue #14, item 2: the owner (or lead) attaches proof when reporting a corrective action done; the verifier sees it.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Proof_of_a_corrective_action(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";

    /// <summary>An open action on 5.3 of a confirmed inspection of lead1's team, owned by lead1: (action, inspection).</summary>
    private async Task<(int Action, int Inspection)> OpenActionAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var inspection = round[F.Lead1Team, I1];
        await factory.SubmitAsync(inspection, F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var raisedBy = await factory.PersonIdAsync(I1);
        var action = await factory.WithDbAsync(async db =>
        {
            var a = new CorrectiveAction(round.RoundId, teamId, "5.3", $"按时回访投诉客户 {Guid.NewGuid():N}", lead, new DateOnly(2099, 12, 31), raisedBy, DateTime.UtcNow, inspection);
            db.CorrectiveActions.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        return (action, inspection);
    }

    private static async Task<HttpResponseMessage> ReportDoneAsync(HttpClient client, int id, string text, params UploadPart[] files)
    {
        var stamp = F.StampOf(await client.GetStringAsync($"/Actions/Details/{id}"));
        return await F.PostFormWithFilesAsync(client, $"/Actions/Details/{id}", "/Actions/ReportDone",
            [new("Id", id.ToString()), new("Stamp", stamp), new("Text", text)], files);
    }

    private Task<CorrectiveActionStatus> StatusAsync(int id) =>
        factory.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.Status).FirstAsync());

    [Fact]
    public async Task Reporting_done_with_a_photo_stores_it_on_the_action_and_the_details_page_shows_it_to_the_verifier()
    {
        var (action, inspection) = await OpenActionAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var response = await ReportDoneAsync(lead, action, "已逐一回访，见照片", new UploadPart("Files", "回访现场.png", F.UploadSamples.Png));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CorrectiveActionStatus.Done, await StatusAsync(action));
        var (file, audit) = await factory.WithDbAsync(async db =>
        {
            var f = await db.Attachments.SingleAsync(a => a.CorrectiveActionId == action);
            return (f, await db.AuditLog.SingleAsync(a => a.EntityType == "Attachment" && a.EntityId == f.Id.ToString()));
        });
        Assert.Equal(AttachedTo.CorrectiveAction, file.To);
        Assert.Equal(inspection, file.InspectionId);
        Assert.Equal("5.3", file.IndicatorCode);
        Assert.Equal(AttachmentKind.Image, file.Kind);
        Assert.Equal("Attached", audit.Action);
        Assert.Equal($"inspection={inspection}; indicator=5.3; name=回访现场.png; action={action}", audit.NewValue);
        var verifier = await factory.SignedInAsync(I1);
        var details = Html.Parse(await verifier.GetStringAsync($"/Actions/Details/{action}"));
        Assert.NotNull(details.QuerySelector($"[data-proof] a[href='/attachments/{file.Id}'] img[src='/attachments/{file.Id}/thumbnail']"));
        Assert.NotNull(details.QuerySelector("form[action$='/Actions/Verify']"));
    }

    [Fact]
    public async Task A_refused_proof_file_keeps_the_report_text_and_changes_nothing()
    {
        var (action, _) = await OpenActionAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var response = await ReportDoneAsync(lead, action, "已逐一回访，见附件", new UploadPart("Files", "回访.exe", F.UploadSamples.Exe));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("已逐一回访，见附件", page.QuerySelector("textarea#done-text")!.TextContent.Trim());
        Assert.Equal(Texts.Zh("ReviewFiles.FileRefused", "回访.exe", Texts.Zh("Uploads.Refused.AttachmentType")), page.QuerySelector("[data-proof-error]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-files-again]"));
        Assert.Equal(CorrectiveActionStatus.Open, await StatusAsync(action));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.CorrectiveActionId == action)));
    }

    [Fact]
    public async Task Reporting_done_without_files_still_works_and_a_missing_report_is_shown_at_its_field()
    {
        var (action, _) = await OpenActionAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var empty = await ReportDoneAsync(lead, action, "");
        var done = await ReportDoneAsync(lead, action, "已完成");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(Texts.Zh("Actions.TextRequired"), Html.TextOf(await empty.Content.ReadAsStringAsync(), "[data-text-error]"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(CorrectiveActionStatus.Done, await StatusAsync(action));
    }
}
