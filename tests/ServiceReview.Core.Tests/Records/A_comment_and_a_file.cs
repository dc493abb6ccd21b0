using ServiceReview.Core.Common;
using ServiceReview.Core.Records;

namespace ServiceReview.Core.Tests.Records;

public sealed class A_comment_and_a_file
{
    private static readonly DateTime Written = new(2026, 12, 5, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Its_author_may_correct_a_comment_for_fifteen_minutes_and_nobody_else_ever()
    {
        var comment = new Comment(1, "3.2", 7, "  请补充交接记录。 ", Written);
        Assert.Equal("请补充交接记录。", comment.Text);

        comment.Edit(7, "请补充本月交接记录。", Written.AddMinutes(15));
        Assert.Equal("请补充本月交接记录。", comment.Text);
        Assert.Equal(Written.AddMinutes(15), comment.EditedAt);

        Assert.Equal("Comment.EditWindowClosed", Assert.Throws<DomainException>(() => comment.Edit(7, "晚了", Written.AddMinutes(15).AddSeconds(1))).Code);
        Assert.Equal("Comment.NotAuthor", Assert.Throws<DomainException>(() => comment.Edit(8, "不是我的", Written.AddMinutes(1))).Code);
        Assert.False(comment.MayEdit(7, Written.AddMinutes(16)));
        Assert.False(comment.MayEdit(8, Written));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_comment_is_refused(string text) =>
        Assert.Equal("Comment.TextRequired", Assert.Throws<DomainException>(() => new Comment(1, null, 7, text, Written)).Code);

    [Fact]
    public void A_comment_longer_than_its_limit_is_refused() =>
        Assert.Equal("Comment.TooLong", Assert.Throws<DomainException>(() => new Comment(1, null, 7, new string('字', Comment.TextMaxLength + 1), Written)).Code);

    [Theory]
    [InlineData(@"C:\Users\张三\Desktop\现场照片.jpg", "现场照片.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  回访\u0000记录.pdf ", "回访记录.pdf")]
    [InlineData("..", "file")]
    [InlineData("", "file")]
    public void A_files_name_keeps_no_folder_and_no_control_character(string uploaded, string kept) =>
        Assert.Equal(kept, Attachment.SafeName(uploaded));

    [Fact]
    public void A_long_name_keeps_its_extension() =>
        Assert.EndsWith(".pdf", Attachment.SafeName(new string('a', 400) + ".pdf"), StringComparison.Ordinal);

    [Fact]
    public void A_file_for_an_indicator_or_a_dispute_names_its_indicator()
    {
        var file = new StoredFile("a.pdf", "application/pdf", AttachmentKind.Pdf, 10, new string('a', 64), "key");

        Assert.Equal("Attachment.IndicatorRequired",
            Assert.Throws<DomainException>(() => new Attachment(new AttachmentOwner(AttachedTo.Dispute, 1, null, DisputeId: 2), file, 7, Written)).Code);
        Assert.Equal("Attachment.NoOwner",
            Assert.Throws<DomainException>(() => new Attachment(new AttachmentOwner(AttachedTo.Record, null), file, 7, Written)).Code);
        Assert.Equal(AttachedTo.Indicator, new Attachment(AttachmentOwner.Indicator(1, "3.1"), file, 7, Written).To);
    }
}
