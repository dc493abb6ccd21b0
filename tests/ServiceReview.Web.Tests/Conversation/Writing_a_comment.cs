using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Records;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>
/// Issue #14 items 3 and 6: a comment needs a text, may be about one indicator of the record's plan, and may carry files
/// whose type is decided by content; a refused file saves nothing at all. The page form keeps what was typed.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Writing_a_comment(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Manager = "manager@demo.local";

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_comment_without_text_is_400_naming_the_text_field(string? text)
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);

        var response = await F.PostCommentAsync(client, id, text, "2.3");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal([Texts.Zh("Error.Comment.TextRequired")], errors["text"]);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
    }

    [Fact]
    public async Task An_indicator_that_is_not_in_the_records_plan_is_400_naming_the_indicator_field()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);

        var response = await F.PostCommentAsync(client, id, "这个指标不存在", "9.9");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([Texts.Zh("Conversation.UnknownIndicator", "9.9")], (await ErrorsAsync(response))["indicator"]);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
    }

    [Fact]
    public async Task A_comment_on_an_indicator_with_a_photo_and_a_pdf_stores_both_files_on_the_comment_and_audits_them()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);

        var response = await F.PostCommentAsync(client, id, "见照片和附件", "2.3", ("现场.png", F.SampleFiles.Png), ("回访记录.pdf", F.SampleFiles.Pdf));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var commentId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var files = await factory.WithDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.CommentId == commentId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["现场.png", "回访记录.pdf"], files.Select(f => f.FileName));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.ContentType));
        Assert.All(files, f => Assert.Equal((AttachedTo.Comment, (int?)id, "2.3"), (f.To, f.InspectionId, f.IndicatorCode)));

        var audit = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(a => (a.EntityType == "Comment" && a.EntityId == commentId.ToString()) || (a.EntityType == "Attachment" && a.Action == "Attached"))
            .ToListAsync());
        var commented = Assert.Single(audit, a => a.EntityType == "Comment");
        Assert.Equal("Commented", commented.Action);
        Assert.StartsWith($"inspection={id}; indicator=2.3;", commented.NewValue, StringComparison.Ordinal);
        var attached = audit.Where(a => a.EntityType == "Attachment" && a.NewValue!.StartsWith($"inspection={id};", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Select(f => f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), attached.Select(a => a.EntityId).Order());
        Assert.Contains(attached, a => a.NewValue!.Contains("name=现场.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_is_415_and_nothing_is_saved_not_even_the_comment()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);

        var response = await F.PostCommentAsync(client, id, "带一个程序", null, ("photo.png", F.SampleFiles.Png), ("setup.png", F.SampleFiles.Exe));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Uploads.Refused.AttachmentType", problem.GetProperty("code").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_413_and_nothing_is_saved()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);
        var big = new byte[(10 * 1024 * 1024) + 1];
        F.SampleFiles.Pdf.CopyTo(big, 0);

        var response = await F.PostCommentAsync(client, id, "太大的文件", null, ("big.pdf", big));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
    }

    [Fact]
    public async Task The_form_posts_a_comment_and_goes_to_it_on_the_record()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);

        var response = await F.PostFormAsync(client, $"/inspections/{id}/conversation", $"/inspections/{id}/comments",
            [new("text", "表单发表的评论"), new("indicator", "3.1")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var commentId = await factory.WithDbAsync(db => db.Comments.Where(c => c.InspectionId == id).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/inspections/{id}#comment-{commentId}", response.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync($"/inspections/{id}/conversation");
        var shown = Html.First(page, $"#comment-{commentId}[data-comment='{commentId}']");
        Assert.NotNull(shown);
        Assert.Contains("表单发表的评论", shown.TextContent, StringComparison.Ordinal);
        Assert.Equal("3.1", shown.QuerySelector("[data-comment-indicator]")?.GetAttribute("data-comment-indicator"));
        Assert.NotNull(shown.QuerySelector($"[data-comment-edit='{commentId}']"));
    }

    [Fact]
    public async Task A_refused_form_goes_back_to_the_page_with_the_typed_text_and_the_message_at_its_field()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);
        var back = $"/inspections/{id}/conversation";

        var response = await F.PostFormAsync(client, back, $"/inspections/{id}/comments",
            [new("text", "我写了很多字，不能丢"), new("indicator", "7.7"), new("back", back)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(back + "#conversation-form", response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync(back);
        Assert.Equal("我写了很多字，不能丢", Html.TextOf(page, "#comment-text"));
        Assert.Equal(Texts.Zh("Conversation.UnknownIndicator", "7.7"), Html.TextOf(page, "#comment-indicator-error"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));

        // Shown once: the next visit starts with an empty form.
        Assert.Equal("", Html.TextOf(await client.GetStringAsync(back), "#comment-text"));
    }

    [Fact]
    public async Task A_refused_file_on_the_form_goes_back_with_the_text_and_the_message_at_the_file_field_and_saves_nothing()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);
        var back = $"/inspections/{id}/conversation";
        var token = F.FormTokenOf(await client.GetStringAsync(back));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("照片在附件里"), "text" },
            { new StringContent(back), "back" },
            { new ByteArrayContent(F.SampleFiles.Png), "file", "ok.png" },
            { new ByteArrayContent(F.SampleFiles.Exe), "file", "photo.jpg" },
        };

        var response = await client.PostAsync($"/inspections/{id}/comments", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(back);
        Assert.Equal("照片在附件里", Html.TextOf(page, "#comment-text"));
        Assert.Equal(Texts.Zh("Uploads.Refused.AttachmentType", ""), Html.TextOf(page, "#comment-files-error"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.InspectionId == id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Attachments.CountAsync(a => a.InspectionId == id)));
    }

    [Fact]
    public async Task The_conversation_page_lists_files_with_thumbnails_and_offers_the_form_with_every_indicator()
    {
        var id = await factory.ConversationRecordAsync(submitted: true);
        var client = await factory.SignedInAsync(Manager);
        Assert.Equal(HttpStatusCode.Created, (await F.PostCommentAsync(client, id, "附照片", null, ("a.png", F.SampleFiles.Png), ("b.pdf", F.SampleFiles.Pdf))).StatusCode);

        var page = await client.GetStringAsync($"/inspections/{id}/conversation");

        var image = await factory.WithDbAsync(db => db.Attachments.Where(a => a.InspectionId == id && a.ContentType == "image/png").Select(a => a.Id).SingleAsync());
        Assert.Equal($"/attachments/{image}/thumbnail", Html.AttributeOf(page, $"[data-attachment='{image}'] img", "src"));
        Assert.Equal($"/attachments/{image}", Html.AttributeOf(page, $"[data-attachment='{image}'] a", "href"));
        var options = Html.All(page, "#comment-indicator option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("", options[0]);
        Assert.Equal(14, options.Count - 1);
        Assert.Contains("2.3", options);
        Assert.NotNull(Html.First(page, "input[type=file][name=file][multiple]"));
        Assert.NotNull(Html.First(page, "input[type=file][name=file][capture]"));
        Assert.NotNull(Html.First(page, "label[for=comment-text]"));
        Assert.Equal(ServiceReview.Web.Features.Attachments.AttachmentDisplay.Accept, Html.AttributeOf(page, "#comment-files", "accept"));
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
