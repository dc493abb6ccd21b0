using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// The one reader of a plan version's content (categories, indicators, grade bounds) for everything that scores or
/// shows an inspection with it: the inspection form, its autosave and live score, the plan's score preview, the
/// inspection sheet and record, disputes, corrective actions, round and team results and their stored figures (the
/// save hook), dashboards, exports, analytics and calibration, the measured figures. Published (and retired) versions
/// are kept in process memory, by id: a version's content never changes once it is published (its mutators throw
/// <c>Plan.VersionLocked</c>), so a copy read once is right for good and needs no invalidation; because the key is an
/// id that never changes meaning, every instance of a multi-instance deployment may keep its own copy (ADR 0028).
/// Drafts are never kept: a draft is read from the database each time, as it may change. Only
/// <see cref="PlanVersion.Status"/> may move on (Published → Retired), so readers of this cache must not show it (the
/// plan pages and <c>GET /api/plans/{id}</c> read the database through <see cref="LoadAsync"/>). The copies are shared
/// between requests: read them, never attach them to a context or change them.
/// </summary>
public sealed class PlanVersionCache
{
    /// <summary>A bound far above any real organisation's number of plan versions, so that memory cannot grow without limit.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<int, PlanVersion> _locked = new();

    // The grade bounds alone of locked versions, for pages that only show grades (GradeLabels).
    private readonly ConcurrentDictionary<int, IReadOnlyList<GradeBound>> _lockedBounds = new();

    /// <summary>The plan version with its categories and indicators (from memory once it is locked), or null.</summary>
    public async Task<PlanVersion?> FindAsync(ServiceReviewDbContext db, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_locked.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var plan = await LoadAsync(db, id, cancellationToken);
        if (plan is { IsLocked: true } && _locked.Count < Capacity)
        {
            plan = _locked.GetOrAdd(id, plan);
        }

        return plan;
    }

    /// <summary>
    /// The grade bounds of the given plan versions, by id (unknown ids are left out): from memory for locked versions
    /// read before, the others in one query (the version rows alone: the bounds are a JSON column of the row).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<GradeBound>>> GradeBoundsAsync(
        ServiceReviewDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<int, IReadOnlyList<GradeBound>>();
        var missing = new List<int>();
        foreach (var id in ids.Distinct())
        {
            if (_locked.TryGetValue(id, out var version))
            {
                found[id] = version.GradeBounds;
            }
            else if (_lockedBounds.TryGetValue(id, out var bounds))
            {
                found[id] = bounds;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            var versions = await db.PlanVersions.AsNoTracking().Where(v => missing.Contains(v.Id)).ToListAsync(cancellationToken);
            foreach (var version in versions)
            {
                found[version.Id] = version.GradeBounds;
                if (version.IsLocked && _lockedBounds.Count < Capacity)
                {
                    _lockedBounds.TryAdd(version.Id, version.GradeBounds);
                }
            }
        }

        return found;
    }

    /// <summary>As <see cref="FindAsync"/>, for a version that must exist (a foreign key points at it).</summary>
    public async Task<PlanVersion> GetAsync(ServiceReviewDbContext db, int id, CancellationToken cancellationToken = default) =>
        await FindAsync(db, id, cancellationToken) ?? throw new InvalidOperationException($"Plan version {id} is missing.");

    /// <summary>The database read: the version, its categories and their indicators (split, no tracking).</summary>
    public static Task<PlanVersion?> LoadAsync(ServiceReviewDbContext db, int id, CancellationToken cancellationToken = default) =>
        db.PlanVersions.AsNoTracking()
            .Include(v => v.Categories).ThenInclude(c => c.Indicators)
            .AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
}
