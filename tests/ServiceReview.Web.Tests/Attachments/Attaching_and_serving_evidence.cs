using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Testing.Builders;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Tests.Infrastructure;
using SkiaSharp;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Attachments;

/// <summary>
/// Evidence files on an inspection record (issue #14): the inspector attaches them from the form while the record is
/// editable; the type is decided by content; size, count, pixel and zip bombs are refused; files are served only to
/// those who may see the record, with headers that keep a file from running anything in the browser.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Attaching_and_serving_evidence(F factory) : IClassFixture<F>
{
    private const string Inspector = "inspector1@demo.local";
    private const string Teammate = "inspector2@demo.local";

    private async Task<int> OpenRecordAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector, Teammate] });
        return round[F.Lead1Team, Inspector];
    }

    private Task<string> FirstIndicatorAsync(int inspectionId) => factory.WithDbAsync(db =>
        (from i in db.Inspections
         where i.Id == inspectionId
         from v in db.PlanVersions.Where(v => v.Id == i.PlanVersionId)
         from c in v.Categories
         from x in c.Indicators
         orderby x.Code
         select x.Code).FirstAsync());

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int inspectionId, string? indicator, params (string Name, byte[] Content)[] files)
    {
        var html = await client.GetStringAsync("/");
        var token = Html.AttributeOf(html, "meta[name=request-verification-token]", "content");
        using var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "file", name);
        }

        if (indicator is not null)
        {
            content.Add(new StringContent(indicator), "indicator");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inspections/{inspectionId}/attachments") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> RefusalCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response)).GetProperty("code").GetString()!;
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static byte[] WebP()
    {
        using var bitmap = new SKBitmap(30, 20);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 80);
        return data.ToArray();
    }

    private async Task<int> AttachOneAsync(int inspectionId, string name, byte[] content, string? indicator = null)
    {
        var inspector = await factory.SignedInAsync(Inspector);
        var response = await UploadAsync(inspector, inspectionId, indicator, (name, content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response))[0].GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Each_accepted_type_is_stored_with_the_type_its_content_says_and_a_renamed_png_is_served_as_png()
    {
        var id = await OpenRecordAsync();
        var indicator = await FirstIndicatorAsync(id);
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, indicator,
            ("photo.jpg", Jpeg(64, 48)), ("screen.png", EvidenceFiles.Png(40, 30)), ("anim.gif", EvidenceFiles.Gif()), ("photo.webp", WebP()),
            ("report.pdf", EvidenceFiles.Pdf()), ("notes.docx", EvidenceFiles.Docx()), ("sheet.xlsx", UploadBombs.Rows([["工单号"], ["T-1"]])),
            ("tickets.csv", "工单号\r\nT-1\r\n"u8.ToArray()), ("readme.txt", "说明"u8.ToArray()), ("renamed.pdf", EvidenceFiles.Png(8, 8)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var files = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(
            ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "text/csv", "text/plain", "image/png"],
            files.Select(f => f.GetProperty("contentType").GetString()));
        Assert.All(files, f => Assert.Equal(indicator, f.GetProperty("indicator").GetString()));
        Assert.Equal("renamed.pdf", files[9].GetProperty("name").GetString());

        var served = await inspector.GetAsync($"/attachments/{files[9].GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", served.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_program_named_jpg_is_refused_with_415_and_nothing_is_stored()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, null, ("photo.jpg", EvidenceFiles.Exe()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Uploads.Refused.AttachmentType", await RefusalCodeAsync(response));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task A_file_one_byte_over_10_MiB_is_refused_with_413()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);
        var content = new byte[(10 * 1024 * 1024) + 1];
        Array.Fill(content, (byte)'a');

        var response = await UploadAsync(inspector, id, null, ("big.txt", content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Uploads.Refused.AttachmentBytes", await RefusalCodeAsync(response));
        Assert.Equal("10 MiB", (await JsonAsync(response)).GetProperty("limit").GetString());
    }

    [Fact]
    public async Task The_21st_file_on_a_record_is_refused_with_413()
    {
        var id = await OpenRecordAsync();
        var person = await factory.PersonIdAsync(Inspector);
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 20; i++)
            {
                db.Attachments.Add(new Attachment(AttachmentOwner.Record(id),
                    new StoredFile($"f{i}.txt", "text/plain", AttachmentKind.Text, 1, new string('0', 64), IAttachmentStore.NewKey()), person, DateTime.UtcNow));
            }

            return await db.SaveChangesAsync();
        });
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, null, ("one-more.txt", "x"u8.ToArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Uploads.Refused.AttachmentsPerRecord", await RefusalCodeAsync(response));
        Assert.Equal(20, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task A_tiny_png_declaring_100000_by_100000_pixels_is_refused_with_413_and_nothing_is_decoded()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);
        var bomb = EvidenceFiles.PngDeclaring(100_000, 100_000);

        var response = await UploadAsync(inspector, id, null, ("bomb.png", bomb));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Uploads.Refused.ImagePixels", await RefusalCodeAsync(response));

        // The same check on this thread: the bytes read and a few buffers, never the 40 GB the picture declares.
        var allocated = await factory.WithServiceAsync<AttachmentService, long>(async service =>
        {
            using var stream = new MemoryStream(bomb);
            var file = new FormFile(stream, 0, bomb.Length, "file", "bomb.png");
            var before = GC.GetAllocatedBytesForCurrentThread();
            var refusal = await Record.ExceptionAsync(() => service.CheckAsync([file], null));
            var used = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("ImagePixels", Assert.IsType<ServiceReview.Infrastructure.Uploads.UploadRefusedException>(refusal).Code);
            return used;
        });
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated to refuse a pixel bomb");
    }

    [Fact]
    public async Task A_damaged_picture_is_refused_with_422()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, null, ("broken.png", EvidenceFiles.Png(10, 10)[..16]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Uploads.Refused.AttachmentDamaged", await RefusalCodeAsync(response));
    }

    [Fact]
    public async Task A_docx_zip_bomb_is_refused_with_413()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, null, ("bomb.docx", EvidenceFiles.DocxBomb(100L * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Uploads.Refused.ZipInflated", await RefusalCodeAsync(response));
    }

    [Fact]
    public async Task The_title_of_a_refusal_is_in_the_users_language()
    {
        var id = await OpenRecordAsync();
        var inspector = await factory.SignedInAsync(Inspector);

        var response = await UploadAsync(inspector, id, null, ("photo.jpg", EvidenceFiles.Exe()));

        Assert.Equal(Texts.Zh("Uploads.Refused.AttachmentType"), (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Who_may_open_a_file_follows_who_may_see_the_record()
    {
        var id = await OpenRecordAsync();
        var file = await AttachOneAsync(id, "report.pdf", EvidenceFiles.Pdf());
        var url = $"/attachments/{file}";

        async Task<HttpStatusCode> StatusFor(string email) => (await (await factory.SignedInAsync(email)).GetAsync(url)).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await StatusFor(Inspector));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(Teammate));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor("lead1@demo.local")); // not yet submitted
        Assert.Equal(HttpStatusCode.OK, await StatusFor("manager@demo.local"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor("admin@demo.local"));
        var anonymous = await factory.CreateBrowser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Identity/Account/Login", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);

        await factory.SubmitAsync(id, F.Inputs.Perfect());

        Assert.Equal(HttpStatusCode.OK, await StatusFor("lead1@demo.local"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor("lead2@demo.local"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(Teammate));
        Assert.Equal(HttpStatusCode.OK, await StatusFor(Inspector));
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync(Inspector)).GetAsync("/attachments/999999")).StatusCode);
    }

    [Fact]
    public async Task A_file_is_served_with_its_type_a_sandboxing_policy_and_as_a_download_unless_it_is_a_picture()
    {
        var id = await OpenRecordAsync();
        var pdf = await AttachOneAsync(id, "检查 报告.pdf", EvidenceFiles.Pdf());
        var png = await AttachOneAsync(id, "现场.png", EvidenceFiles.Png(400, 300));
        var inspector = await factory.SignedInAsync(Inspector);

        var file = await inspector.GetAsync($"/attachments/{pdf}");
        var photo = await inspector.GetAsync($"/attachments/{png}");

        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(EvidenceFiles.Pdf(), await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("filename*=UTF-8''%E6%A3%80%E6%9F%A5%20%E6%8A%A5%E5%91%8A.pdf", file.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("inline", photo.Content.Headers.ContentDisposition?.DispositionType);
        foreach (var response in new[] { file, photo })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.True(response.Headers.CacheControl is { Private: true, MaxAge: not null }, response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task A_photo_gets_a_small_jpeg_thumbnail_and_a_pdf_none()
    {
        var id = await OpenRecordAsync();
        var jpeg = await AttachOneAsync(id, "photo.jpg", Jpeg(1600, 1200));
        var png = await AttachOneAsync(id, "screen.png", EvidenceFiles.Png(800, 400));
        var pdf = await AttachOneAsync(id, "report.pdf", EvidenceFiles.Pdf());
        var inspector = await factory.SignedInAsync(Inspector);

        foreach (var (file, width, height) in new[] { (jpeg, 320, 240), (png, 320, 160) })
        {
            var thumbnail = await inspector.GetAsync($"/attachments/{file}/thumbnail");
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            var size = ImageHeaders.Read(await thumbnail.Content.ReadAsByteArrayAsync(), "image/jpeg")!.Value;
            Assert.Equal((width, height), (size.Width, size.Height));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/attachments/{pdf}/thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync(Teammate)).GetAsync($"/attachments/{jpeg}/thumbnail")).StatusCode);
        var row = await factory.WithDbAsync(db => db.Attachments.SingleAsync(a => a.Id == jpeg));
        Assert.Equal((1600, 1200), (row.Width, row.Height));
    }

    [Fact]
    public async Task Only_the_inspector_attaches_and_only_while_the_record_is_editable()
    {
        var id = await OpenRecordAsync();
        var teammate = await factory.SignedInAsync(Teammate);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var inspector = await factory.SignedInAsync(Inspector);

        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(teammate, id, null, ("a.txt", "x"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(manager, id, null, ("a.txt", "x"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(inspector, id, "no-such-code", ("a.txt", "x"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(inspector, id, null)).StatusCode);

        await factory.SubmitAsync(id, F.Inputs.Perfect());

        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(inspector, id, null, ("a.txt", "x"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(await factory.SignedInAsync("lead1@demo.local"), id, null, ("a.txt", "x"u8.ToArray()))).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task The_form_offers_a_file_and_a_camera_input_per_indicator_and_shows_what_is_already_attached()
    {
        var id = await OpenRecordAsync();
        var indicator = await FirstIndicatorAsync(id);
        var photo = await AttachOneAsync(id, "photo.png", EvidenceFiles.Png(100, 80), indicator);
        var pdf = await AttachOneAsync(id, "record.pdf", EvidenceFiles.Pdf());
        var inspector = await factory.SignedInAsync(Inspector);

        var html = await inspector.GetStringAsync($"/Inspections/Fill/{id}");

        var controls = Html.All(html, "[data-evidence]");
        Assert.Equal(Html.All(html, "fieldset.indicator").Count + 1, controls.Count);
        Assert.All(controls, c =>
        {
            Assert.Equal($"/api/inspections/{id}/attachments", c.GetAttribute("data-upload-url"));
            Assert.NotNull(c.QuerySelector("input[type=file][capture=environment][accept='image/*']"));
            Assert.NotNull(c.QuerySelector("input[type=file][multiple]"));
            Assert.All(c.QuerySelectorAll("input[type=file]"), i => Assert.False(i.HasAttribute("name")));
        });
        var own = Html.First(html, $"[data-evidence][data-indicator='{indicator}']")!;
        Assert.NotNull(own.QuerySelector($"[data-attachment-id='{photo}'] img[src='/attachments/{photo}/thumbnail']"));
        var whole = controls[^1];
        Assert.True(string.IsNullOrEmpty(whole.GetAttribute("data-indicator")));
        Assert.Equal($"/attachments/{pdf}", whole.QuerySelector($"[data-attachment-id='{pdf}'] a")?.GetAttribute("href"));
        Assert.Contains("record.pdf", whole.TextContent, StringComparison.Ordinal);
        Assert.NotNull(Html.First(html, "script[src^='/js/attachments.js']"));

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.WithDbAsync(db => db.AuditLog
            .Where(a => a.EntityType == AttachmentsController.AuditEntityType && a.EntityId == key && a.Action == AttachmentsController.AuditAction)
            .OrderBy(a => a.Id).Select(a => a.NewValue).ToListAsync());
        Assert.Equal([$"{indicator} photo.png", "record.pdf"], audit);
    }

    [Fact]
    public async Task Proof_of_a_corrective_action_without_a_record_follows_who_may_see_the_action()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector] });
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var manager = await factory.PersonIdAsync("manager@demo.local");
        int file;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReview.Infrastructure.Persistence.ServiceReviewDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IAttachmentStore>();
            var action = new ServiceReview.Core.Feedback.CorrectiveAction(round.RoundId, teamId, null, "整改证明", lead, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), manager, DateTime.UtcNow);
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
            var key = IAttachmentStore.NewKey();
            await store.WriteAsync(key, EvidenceFiles.Pdf());
            var attachment = new Attachment(AttachmentOwner.Action(action.Id, null, null),
                new StoredFile("proof.pdf", "application/pdf", AttachmentKind.Pdf, EvidenceFiles.Pdf().Length, new string('0', 64), key), lead, DateTime.UtcNow);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync();
            file = attachment.Id;
        }

        async Task<HttpStatusCode> StatusFor(string email) => (await (await factory.SignedInAsync(email)).GetAsync($"/attachments/{file}")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await StatusFor("manager@demo.local"));
        Assert.Equal(HttpStatusCode.OK, await StatusFor("lead1@demo.local")); // the owner and the team's lead
        Assert.Equal(HttpStatusCode.OK, await StatusFor(Inspector));           // inspects that team in that round
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor(Teammate));
        Assert.Equal(HttpStatusCode.NotFound, await StatusFor("lead2@demo.local"));
    }

    [Fact]
    public async Task Proof_of_an_action_raised_from_a_record_is_also_served_to_the_actions_owner_but_the_records_own_files_are_not()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Inspector] });
        var inspection = round[F.Lead1Team, Inspector];
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var owner = await factory.PersonIdAsync(Teammate);
        var inspector = await factory.PersonIdAsync(Inspector);
        var manager = await factory.PersonIdAsync("manager@demo.local");
        int proof, evidence;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReview.Infrastructure.Persistence.ServiceReviewDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IAttachmentStore>();
            var action = new ServiceReview.Core.Feedback.CorrectiveAction(round.RoundId, teamId, "3.2", "补充交接记录", owner, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), manager, DateTime.UtcNow, inspection);
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
            async Task<Attachment> StoredAsync(AttachmentOwner to, int by)
            {
                var key = IAttachmentStore.NewKey();
                await store.WriteAsync(key, EvidenceFiles.Pdf());
                var file = new Attachment(to, new StoredFile("a.pdf", "application/pdf", AttachmentKind.Pdf, EvidenceFiles.Pdf().Length, new string('0', 64), key), by, DateTime.UtcNow);
                db.Attachments.Add(file);
                return file;
            }

            var proofFile = await StoredAsync(AttachmentOwner.Action(action.Id, inspection, "3.2"), owner);
            var evidenceFile = await StoredAsync(AttachmentOwner.Indicator(inspection, "3.2"), inspector);
            await db.SaveChangesAsync();
            (proof, evidence) = (proofFile.Id, evidenceFile.Id);
        }

        var ownersClient = await factory.SignedInAsync(Teammate);

        Assert.Equal(HttpStatusCode.OK, (await ownersClient.GetAsync($"/attachments/{proof}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownersClient.GetAsync($"/attachments/{evidence}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync("lead2@demo.local")).GetAsync($"/attachments/{proof}")).StatusCode);
    }
}
