using System.Net;
using ClosedXML.Excel;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>
/// Issue #14: the record sheet export carries what the record page shows — the ruling per indicator, the attachments
/// listed by name (sheet "附件" and beside their indicator), the conversation (sheet "沟通记录") — and only for those
/// who may see the record.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_record_sheet_carries_the_whole_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string Lead1 = "lead1@demo.local";
    private const string Photo = "门店巡检照片-0512.jpg";
    private const string Proof = "回访记录-五月.pdf";
    private const string Said = "请补充五月的客户回访记录";
    private const string HostileComment = "=HYPERLINK(\"http://x\",\"y\") 评论";
    private const string HostileFile = "+1+1 清单.xlsx";

    private static IXLRow RowWith(IXLWorksheet ws, string text) =>
        ws.CellsUsed(c => c.GetString() == text).Single().WorksheetRow();

    /// <summary>I1's worked example in lead1's team, 5.3 disputed and changed 较差 → 良好; a photo on 3.1; lead1's comment on 3.1 with a PDF.</summary>
    private async Task<(JourneyRound Round, int Id)> ArrangeAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2] });
        var id = round[F.Lead1Team, I1];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        await factory.DisputeAndChangeAsync(id, "5.3", "延误由客户变更需求造成", "良好", "核实后改判");
        var inspector = await factory.PersonIdAsync(I1);
        var lead = await factory.PersonIdAsync(Lead1);
        await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var photoKey = IAttachmentStore.NewKey();
            db.StoredBlobs.Add(new StoredBlob(photoKey, [0xFF, 0xD8, 0xFF, 0xE0]));
            db.Attachments.Add(new Attachment(AttachmentOwner.Indicator(id, "3.1"),
                new StoredFile(Photo, "image/jpeg", AttachmentKind.Image, 345_678, new string('a', 64), photoKey), inspector, now.AddMinutes(-30)));
            var comment = new Comment(id, "3.1", lead, Said, now.AddMinutes(-10));
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            var proofKey = IAttachmentStore.NewKey();
            db.StoredBlobs.Add(new StoredBlob(proofKey, "%PDF-1.4"u8.ToArray()));
            db.Attachments.Add(new Attachment(AttachmentOwner.Comment(id, comment.Id, "3.1"),
                new StoredFile(Proof, "application/pdf", AttachmentKind.Pdf, 2_048, new string('b', 64), proofKey), lead, now.AddMinutes(-10)));
            db.Comments.Add(new Comment(id, null, inspector, HostileComment, now.AddMinutes(-5)));
            var hostileKey = IAttachmentStore.NewKey();
            db.StoredBlobs.Add(new StoredBlob(hostileKey, [0x50, 0x4B, 0x03, 0x04]));
            db.Attachments.Add(new Attachment(AttachmentOwner.Record(id),
                new StoredFile(HostileFile, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", AttachmentKind.Spreadsheet, 9_000, new string('c', 64), hostileKey), inspector, now.AddMinutes(-5)));
            await db.SaveChangesAsync();
            return 0;
        });
        return (round, id);
    }

    [Fact]
    public async Task The_sheet_lists_the_attachments_by_name_the_conversation_and_the_ruling_original_to_ruled()
    {
        var (_, id) = await ArrangeAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        using var workbook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/inspections/{id}/export"));

        var record = workbook.Worksheet(Texts.Zh("Exports.Record.SheetName"));
        var indicator = record.CellsUsed(c => c.Address.ColumnNumber == 1 && c.GetString() == "3.1").First().WorksheetRow();
        Assert.Contains(Photo, indicator.Cell(7).GetString(), StringComparison.Ordinal);
        var title = record.CellsUsed(c => c.GetString() == Texts.Zh("Exports.Ruling.Title")).Single();
        var ruling = record.CellsUsed(c => c.Address.ColumnNumber == 1 && c.Address.RowNumber > title.Address.RowNumber && c.GetString() == "5.3").Single().WorksheetRow();
        Assert.Equal(Texts.Zh("Exports.Ruling.InputChange", "较差", "良好"), ruling.Cell(4).GetString());
        Assert.Contains("核实后改判", ruling.Cell(3).GetString(), StringComparison.Ordinal);

        var files = workbook.Worksheet(Texts.Zh("Exports.Record.Attachments.SheetName"));
        var photo = RowWith(files, Photo);
        Assert.Equal(Texts.Zh("Exports.Record.Attachments.Of.Indicator", "3.1"), photo.Cell(2).GetString());
        Assert.Equal("338 KB", photo.Cell(4).GetString());
        Assert.Equal(await factory.NameOfAsync(I1), photo.Cell(5).GetString());
        Assert.Equal(XLDataType.DateTime, photo.Cell(6).DataType);
        var proof = RowWith(files, Proof);
        Assert.Equal(Texts.Zh("Exports.Record.Attachments.Of.CommentOn", "3.1"), proof.Cell(2).GetString());
        Assert.Equal(await factory.NameOfAsync(Lead1), proof.Cell(5).GetString());

        var conversation = workbook.Worksheet(Texts.Zh("Exports.Record.Comments.SheetName"));
        var said = RowWith(conversation, Said);
        Assert.Equal(XLDataType.DateTime, said.Cell(1).DataType);
        Assert.Equal(await factory.NameOfAsync(Lead1), said.Cell(2).GetString());
        Assert.Equal("3.1", said.Cell(3).GetString());
        Assert.Equal(Proof, said.Cell(5).GetString());

        Assert.All(workbook.Worksheets, ws =>
        {
            Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
            Assert.Equal(1, ws.PageSetup.PagesWide);
            Assert.True(ws.PageSetup.FirstRowToRepeatAtTop > 0, ws.Name + " repeats its table header on every page");
        });
        // Users' text (a comment, a file name) that looks like a formula stays literal text.
        Assert.Equal(Texts.Zh("Exports.Record.Comments.WholeRecord"), RowWith(conversation, HostileComment).Cell(3).GetString());
        Assert.Equal(Texts.Zh("Exports.Record.Attachments.Of.Record"), RowWith(files, HostileFile).Cell(2).GetString());
        var bytes = await F.DownloadXlsxAsync(manager, $"/inspections/{id}/export");
        Assert.Empty(F.FormulasIn(bytes));
        Assert.Empty(F.UnguardedFormulaTextIn(bytes));
    }

    [Fact]
    public async Task Another_inspector_gets_404_for_the_record_sheet_even_of_their_own_round_and_team()
    {
        var (round, id) = await ArrangeAsync();
        var colleague = await factory.SignedInAsync(I2);
        var stranger = await factory.SignedInAsync("inspector3@demo.local");
        var lead = await factory.SignedInAsync(Lead1);
        await factory.SubmitAsync(round[F.Lead1Team, I2], F.Inputs.WorkedExample());

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/inspections/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/inspections/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/inspections/{id}/export")).StatusCode);
    }
}
