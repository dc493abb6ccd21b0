using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;

namespace ServiceReview.Web.Features.Attachments;

/// <summary>The files posted with one field of a form (one disputed indicator, the proof of an action) and the key its error goes to.</summary>
public sealed record EvidenceGroup(string Key, IReadOnlyList<IFormFile> Files);

/// <summary>The outcome of checking a form's files: each group's checked files in order, or the file that was refused and why.</summary>
public sealed record EvidenceCheck(IReadOnlyList<IReadOnlyList<CheckedFile>> Files, string? RefusedKey, string? RefusedName, UploadRefusedException? Refusal)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// Evidence files taken by a form of the review pages and the corrective actions (issue #14): checked all together
/// (the record's count) before anything is written, a refusal named by its file and put next to its field, and the files
/// stored in the same transaction as the change they belong to, each audited.
/// </summary>
public static class FormEvidence
{
    /// <summary>The largest form with files these pages take: the record's 20 files of 10 MiB and the form's text.</summary>
    public const long MaxRequestBytes = 210L * 1024 * 1024;

    /// <summary>A browser sends an empty part for a file input left empty; it is not a file.</summary>
    public static bool IsPresent(IFormFile file) => file.Length > 0 || !string.IsNullOrEmpty(file.FileName);

    /// <summary>
    /// Checks every group's files with one <see cref="AttachmentService.CheckAsync"/> (so the record's count covers them
    /// all). On a refusal of one file, the files are checked one by one to find which, so the message can name it.
    /// </summary>
    public static async Task<EvidenceCheck> CheckAsync(
        AttachmentService attachments, IReadOnlyList<EvidenceGroup> groups, int? inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(groups);
        var present = groups.Select(g => g.Files.Where(IsPresent).ToList()).ToList();
        var all = present.SelectMany(files => files).ToList();
        IReadOnlyList<CheckedFile> checkedAll;
        try
        {
            checkedAll = await attachments.CheckAsync(all, inspectionId, cancellationToken);
        }
        catch (UploadRefusedException refusal)
        {
            var firstWithFiles = groups.Where((_, index) => present[index].Count > 0).Select(g => g.Key).FirstOrDefault() ?? "";
            if (refusal.Code != "AttachmentsPerRecord")
            {
                for (var index = 0; index < groups.Count; index++)
                {
                    foreach (var file in present[index])
                    {
                        try
                        {
                            await attachments.CheckAsync([file], null, cancellationToken);
                        }
                        catch (UploadRefusedException one)
                        {
                            return new EvidenceCheck([], groups[index].Key, Attachment.SafeName(file.FileName), one);
                        }
                    }
                }
            }

            return new EvidenceCheck([], firstWithFiles, null, refusal);
        }

        var split = new List<IReadOnlyList<CheckedFile>>(groups.Count);
        var next = 0;
        foreach (var files in present)
        {
            split.Add(checkedAll.Skip(next).Take(files.Count).ToList());
            next += files.Count;
        }

        return new EvidenceCheck(split, null, null, null);
    }

    /// <summary>
    /// Puts the refusal next to its field, naming the file, in the user's language, and sets the status (413, 415 or 422)
    /// as <see cref="UploadRefusals.AddTo"/> does; the caller shows the form again.
    /// </summary>
    public static void AddTo(ModelStateDictionary modelState, HttpResponse response, IStringLocalizer localizer, EvidenceCheck check)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(check);
        if (check.Refusal is not { } refusal)
        {
            return;
        }

        var reason = UploadRefusals.Message(localizer, refusal.Code, refusal.Limit);
        modelState.AddModelError(check.RefusedKey ?? "",
            check.RefusedName is { } name ? localizer["ReviewFiles.FileRefused", name, reason].Value : reason);
        response.StatusCode = UploadRefusals.StatusOf(refusal);
    }

    /// <summary>
    /// Saves the change already in the unit of work (with its concurrency check), then stores the files
    /// <paramref name="attach"/> adds and audits each one — all in one transaction, through the provider's execution strategy.
    /// </summary>
    public static async Task SaveWithAttachmentsAsync(
        this ServiceReviewDbContext db, Actor actor, DateTime utcNow, Func<Task<IReadOnlyList<Attachment>>> attach, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attach);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveOrConflictAsync(cancellationToken);
            var added = await attach();
            if (added.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                foreach (var attachment in added)
                {
                    db.Audit(actor, utcNow, AttachmentService.AuditEntityType, attachment.Id, "Attached", null, Describe(attachment));
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>The audit line of an attached file: <c>inspection=12; indicator=5.3; name=停电通知.pdf</c> (and <c>; action=7</c> for an action's proof).</summary>
    public static string Describe(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var line = string.Create(CultureInfo.InvariantCulture, $"inspection={attachment.InspectionId}; indicator={attachment.IndicatorCode}; name={attachment.FileName}");
        return attachment.CorrectiveActionId is { } action ? string.Create(CultureInfo.InvariantCulture, $"{line}; action={action}") : line;
    }

    /// <summary>The attachments of a query, oldest first, as pages list them.</summary>
    public static async Task<IReadOnlyList<AttachmentItem>> ListAsync(IQueryable<Attachment> query, CancellationToken cancellationToken = default) =>
        await query.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AttachmentItem(a.Id, a.FileName, a.Size, a.ContentType, a.Kind == AttachmentKind.Image, a.IndicatorCode))
            .ToListAsync(cancellationToken);
}
