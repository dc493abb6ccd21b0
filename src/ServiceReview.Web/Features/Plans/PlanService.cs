using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.Plans;

/// <summary>A plan version in the list: its status and the rounds that use it.</summary>
public sealed record PlanVersionSummary(
    int Id, int PlanId, string Name, int Number, PlanVersionStatus Status, DateTime? PublishedAt,
    int Categories, int Indicators, IReadOnlyList<RoundUse> Rounds);

/// <summary>A round that uses a plan version.</summary>
public sealed record RoundUse(int Id, string Name, RoundStatus Status);

/// <summary>A plan and its versions, newest first.</summary>
public sealed record PlanSummary(int Id, string Name, string? Description, IReadOnlyList<PlanVersionSummary> Versions);

/// <summary>The result of importing a workbook: the new draft's id, or every problem found (and nothing created).</summary>
public sealed record PlanImportResult(int? VersionId, IReadOnlyList<WorkbookError> Errors);

/// <summary>Where a publish or retire left the version: moved now, or already there (a second click).</summary>
public enum PlanTransition
{
    Done,
    AlreadyThere,
}

/// <summary>
/// The use cases of plan authoring: create, copy, edit a draft, publish, retire, delete a draft, import a workbook.
/// Each change writes one audit entry in the same save; edits of a draft check the concurrency stamp the form
/// was built from. Codes of categories and indicators stay unique inside a version (the database insists).
/// </summary>
public sealed class PlanService(ServiceReviewDbContext db, TimeProvider clock, IOptions<UploadOptions>? uploads = null)
{
    public const string AuditEntityType = nameof(PlanVersion);

    /// <summary>The field of a new plan's name (its errors go there).</summary>
    public const string NameField = "Name";

    /// <summary>The field of the problems that keep a draft from being published.</summary>
    public const string ProblemsField = "Problems";

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PlanRow(p.Id, p.Name, p.Description)).ToListAsync(cancellationToken);
        return await WithVersionsAsync(plans, cancellationToken);
    }

    /// <summary>
    /// One page of plans by name, each with all its versions (newest first) and the rounds using them; the search
    /// matches the plan's or a version's name. Only the page's plans, versions and rounds are read.
    /// </summary>
    public async Task<Paged<PlanSummary>> PageAsync(string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        var q = PagingExtensions.NormaliseSearch(search);
        var page = await db.Plans.AsNoTracking()
            .Where(p => q == null || p.Name.Contains(q) || db.PlanVersions.Any(v => v.PlanId == p.Id && v.Name.Contains(q)))
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new PlanRow(p.Id, p.Name, p.Description))
            .ToPagedAsync(request, cancellationToken);
        var summaries = (await WithVersionsAsync(page.Items, cancellationToken)).ToDictionary(p => p.Id);
        return page.Map(p => summaries[p.Id]);
    }

    private sealed record PlanRow(int Id, string Name, string? Description);

    // The plans given, in their order, each with its versions (newest first) and the rounds that use them: three queries.
    private async Task<IReadOnlyList<PlanSummary>> WithVersionsAsync(IReadOnlyList<PlanRow> plans, CancellationToken cancellationToken)
    {
        var planIds = plans.Select(p => p.Id).ToList();
        var versions = await db.PlanVersions.AsNoTracking()
            .Where(v => planIds.Contains(v.PlanId))
            .Select(v => new
            {
                v.Id,
                v.PlanId,
                v.Name,
                v.Number,
                v.Status,
                v.PublishedAt,
                Categories = v.Categories.Count,
                Indicators = v.Categories.SelectMany(c => c.Indicators).Count(),
            })
            .ToListAsync(cancellationToken);
        var versionIds = versions.Select(v => v.Id).ToList();
        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => versionIds.Contains(r.PlanVersionId))
            .Select(r => new { r.Id, r.Name, r.Status, r.PlanVersionId })
            .ToListAsync(cancellationToken);
        return [.. plans.Select(p => new PlanSummary(p.Id, p.Name, p.Description, [.. versions
            .Where(v => v.PlanId == p.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new PlanVersionSummary(v.Id, v.PlanId, v.Name, v.Number, v.Status, v.PublishedAt, v.Categories, v.Indicators,
                [.. rounds.Where(r => r.PlanVersionId == v.Id).OrderBy(r => r.Id).Select(r => new RoundUse(r.Id, r.Name, r.Status))]))]))];
    }

    /// <summary>The published versions a new round may pick (retired and draft versions are left out).</summary>
    public async Task<IReadOnlyList<PlanVersionSummary>> ListPublishedAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).SelectMany(p => p.Versions).Where(v => v.Status == PlanVersionStatus.Published)];

    /// <summary>The version with its categories and indicators, not tracked; null when there is none.</summary>
    public Task<PlanVersion?> FindAsync(int versionId, CancellationToken cancellationToken = default) =>
        WithContent(db.PlanVersions.AsNoTracking()).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);

    /// <summary>The other versions of the same plan, to compare with.</summary>
    public async Task<IReadOnlyList<(int Id, int Number, PlanVersionStatus Status)>> SiblingsAsync(int planId, CancellationToken cancellationToken = default) =>
        [.. (await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == planId).OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.Status }).ToListAsync(cancellationToken))
            .Select(v => (v.Id, v.Number, v.Status))];

    public async Task<IReadOnlyList<RoundUse>> RoundsUsingAsync(int versionId, CancellationToken cancellationToken = default) =>
        [.. (await db.Rounds.AsNoTracking().Where(r => r.PlanVersionId == versionId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.Status }).ToListAsync(cancellationToken))
            .Select(r => new RoundUse(r.Id, r.Name, r.Status))];

    /// <summary>
    /// A new plan with an empty draft, version 1: the draft's id, or invalid at <c>Name</c> when a plan has the name
    /// (or the plan refuses it).
    /// </summary>
    public async Task<Outcome<int>> CreatePlanAsync(Actor actor, string name, string? description, CancellationToken cancellationToken = default)
    {
        var trimmed = name.Trim();
        if (await db.Plans.AnyAsync(p => p.Name == trimmed, cancellationToken))
        {
            return Outcome.Invalid(NameField, OutcomeError.DomainPrefix + "Plan.NameTaken", trimmed);
        }

        var outcome = await Outcome.Of<int>(async () =>
        {
            var plan = new EvaluationPlan(trimmed, description);
            var draft = plan.AddDraft();
            db.Plans.Add(plan);
            return await SaveNewAsync(actor, draft, "Plan.Created", $"{plan.Name} v{draft.Number}", cancellationToken);
        });
        return outcome.Status == OutcomeStatus.Invalid
            ? Outcome.Invalid(outcome.Errors.Select(e => e with { Field = NameField }))
            : outcome;
    }

    /// <summary>A new draft of the same plan with the content of <paramref name="versionId"/>: the draft's id, or not found.</summary>
    public async Task<Outcome<int>> CopyAsync(Actor actor, int versionId, CancellationToken cancellationToken = default)
    {
        var source = await WithContent(db.PlanVersions).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (source is null)
        {
            return Outcome.NotFound();
        }

        return await Outcome.Of<int>(async () =>
        {
            var plan = await db.Plans.Include(p => p.Versions).SingleAsync(p => p.Id == source.PlanId, cancellationToken);
            var draft = plan.AddDraftCopyOf(source);
            return await SaveNewAsync(actor, draft, "Plan.Copied", $"v{source.Number} → v{draft.Number}", cancellationToken);
        });
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a draft and saves it, if nobody saved the version since
    /// <paramref name="stamp"/>: ok, not found, a conflict, or the rule the draft (or a locked version) refused with.
    /// </summary>
    public async Task<Outcome> EditAsync(Actor actor, int versionId, Guid stamp, string action, Action<PlanVersion> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var version = await WithContent(db.PlanVersions).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Outcome.NotFound();
        }

        return await Outcome.Of(async () =>
        {
            db.ExpectStamp(version, stamp);
            change(version);
            EnsureUniqueCodes(version);
            db.Audit(actor, Now(), AuditEntityType, version.Id, "Plan.Edited", null, action);
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        });
    }

    /// <summary>
    /// Publishes a draft: done, or already published (or retired) when a second click or a second manager finds it
    /// there; invalid with each of the version's problems at <see cref="ProblemsField"/> when it is not complete.
    /// </summary>
    public async Task<Outcome<PlanTransition>> PublishAsync(Actor actor, int versionId, Guid stamp, CancellationToken cancellationToken = default)
    {
        var version = await WithContent(db.PlanVersions).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Outcome.NotFound();
        }

        if (version.Status == PlanVersionStatus.Draft && version.Validate() is { Count: > 0 } problems)
        {
            return Outcome.Invalid(problems.Select(p => OutcomeError.Of(ProblemsField, ProblemKey(p.Code), [.. p.Arguments])));
        }

        return await TransitionAsync(actor, version, stamp, "Plan.Published", PlanVersionStatus.Published, v => v.Publish(Now()), cancellationToken);
    }

    /// <summary>Retires a published version: done, already retired, or the rule that refused (a draft cannot be retired).</summary>
    public async Task<Outcome<PlanTransition>> RetireAsync(Actor actor, int versionId, Guid stamp, CancellationToken cancellationToken = default)
    {
        var version = await WithContent(db.PlanVersions).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        return version is null
            ? Outcome.NotFound()
            : await TransitionAsync(actor, version, stamp, "Plan.Retired", PlanVersionStatus.Retired, v => v.Retire(), cancellationToken);
    }

    /// <summary>
    /// Deletes a draft (a mistaken copy or import): ok, not found, a conflict, or invalid for a published or retired
    /// version (history stays).
    /// </summary>
    public async Task<Outcome> DeleteDraftAsync(Actor actor, int versionId, Guid stamp, CancellationToken cancellationToken = default)
    {
        var version = await WithContent(db.PlanVersions).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Outcome.NotFound();
        }

        if (version.IsLocked)
        {
            return Outcome.Invalid("", OutcomeError.DomainPrefix + "Plan.VersionLocked", version.Number, version.Status.ToString());
        }

        return await Outcome.Of(async () =>
        {
            db.ExpectStamp(version, stamp);
            var plan = await db.Plans.Include(p => p.Versions).SingleAsync(p => p.Id == version.PlanId, cancellationToken);
            db.PlanVersions.Remove(version);
            if (plan.Versions.Count == 1)
            {
                db.Plans.Remove(plan);
            }

            db.Audit(actor, Now(), AuditEntityType, version.Id, "Plan.DraftDeleted", $"{version.Name} v{version.Number}", null);
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        });
    }

    /// <summary>
    /// Reads a workbook and, only when it is valid in full, adds it as a new draft: of the plan with the same name
    /// when there is one (its next version number), else of a new plan.
    /// </summary>
    public async Task<PlanImportResult> ImportAsync(Actor actor, Stream workbook, string fileName, CancellationToken cancellationToken = default)
    {
        var fallbackName = Path.GetFileNameWithoutExtension(fileName);
        var read = PlanWorkbookReader.Read(workbook, string.IsNullOrWhiteSpace(fallbackName) ? "导入的方案" : fallbackName,
            (uploads?.Value ?? new UploadOptions()).SmallWorkbooks);
        if (!read.IsValid)
        {
            return new PlanImportResult(null, read.Errors);
        }

        var imported = read.Plan!;
        var plan = await db.Plans.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Name == imported.Name, cancellationToken);
        if (plan is null)
        {
            plan = new EvaluationPlan(imported.Name);
            db.Plans.Add(plan);
        }

        var draft = plan.AddDraft(imported.GradeBounds);
        foreach (var category in imported.CategoriesInOrder())
        {
            var added = draft.AddCategory(category.Code, category.Name, category.Weight);
            foreach (var indicator in category.IndicatorsInOrder())
            {
                draft.AddIndicator(added, indicator);
            }
        }

        var id = await SaveNewAsync(actor, draft, "Plan.Imported", $"{fileName} → {plan.Name} v{draft.Number}", cancellationToken);
        return new PlanImportResult(id, []);
    }

    private static IQueryable<PlanVersion> WithContent(IQueryable<PlanVersion> versions) =>
        versions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery();

    private static void EnsureUniqueCodes(PlanVersion version)
    {
        var category = version.Categories.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (category is not null)
        {
            throw new DomainException("Plan.DuplicateCategoryCode", $"More than one category has code '{category.Key}'.", category.Key);
        }

        var indicator = version.Categories.SelectMany(c => c.Indicators).GroupBy(i => i.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (indicator is not null)
        {
            throw new DomainException("Plan.DuplicateIndicatorCode", $"More than one indicator has code '{indicator.Key}'.", indicator.Key);
        }
    }

    private async Task<Outcome<PlanTransition>> TransitionAsync(
        Actor actor, PlanVersion version, Guid stamp, string action, PlanVersionStatus target, Action<PlanVersion> transition, CancellationToken cancellationToken)
    {
        var outcome = await Outcome.Of(async () =>
        {
            db.ExpectStamp(version, stamp);
            var before = version.Status.ToString();
            transition(version);
            db.Audit(actor, Now(), AuditEntityType, version.Id, action, before, version.Status.ToString());
            await db.SaveOrConflictAsync(cancellationToken);
            return Outcome.Ok();
        });
        if (outcome.IsOk)
        {
            return PlanTransition.Done;
        }

        // A second click (or a second manager) finds the version already where the first click took it.
        var now = await db.PlanVersions.AsNoTracking().Where(v => v.Id == version.Id).Select(v => (PlanVersionStatus?)v.Status).FirstOrDefaultAsync(cancellationToken);
        var already = now == target || (target == PlanVersionStatus.Published && now == PlanVersionStatus.Retired);
        return already ? PlanTransition.AlreadyThere : outcome;
    }

    // A new version has no id before it is saved; the audit entry that names it is written in the same transaction.
    private async Task<int> SaveNewAsync(Actor actor, PlanVersion draft, string action, string detail, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.Audit(actor, Now(), AuditEntityType, draft.Id, action, null, detail);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return draft.Id;
        });
    }

    // A problem's code names a plan text ("Plans.…") or a domain rule ("Error.…"), as PlanMessages reads it.
    private static string ProblemKey(string code) =>
        code.StartsWith("Plans.", StringComparison.Ordinal) ? code : OutcomeError.DomainPrefix + code;

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
