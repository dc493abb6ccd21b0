using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Admin;

/// <summary>Projects (项目): name, customer, contract period, service-record time limits, time zone.</summary>
public sealed class ProjectsAdminService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const string EntityType = nameof(Project);

    public async Task<IReadOnlyList<ProjectListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().GroupBy(t => t.ProjectId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return projects.Select(p => new ProjectListItem(p.Id, p.Name, p.Customer, p.ContractStart, p.ContractEnd, p.Limits,
            p.Calendar is not null, p.TimeZoneId, teams.GetValueOrDefault(p.Id))).ToList();
    }

    public async Task<IReadOnlyList<ProjectOption>> OptionsAsync(CancellationToken cancellationToken = default) =>
        await db.Projects.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Customer)).ToListAsync(cancellationToken);

    public async Task<ProjectDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var p = await db.Projects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return p is null
            ? null
            : new ProjectDetails(p.Id, new ProjectInput(p.Name, p.Customer, p.ContractStart, p.ContractEnd,
                p.Limits.FirstResponseHours, p.Limits.ResolutionHours, p.Limits.ArchiveHours, p.TimeZoneId),
                p.Calendar is not null, await EditVersion.OfAsync(db, EntityType, id, cancellationToken));
    }

    public async Task<AdminResult> CreateAsync(ProjectInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail([.. errors]);
        }

        var project = new Project(input.Name, input.Customer, input.TimeZoneId);
        Apply(project, input);
        db.Projects.Add(project);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, Now, EntityType, project.Id, "Created", null, Describe(project)), cancellationToken);
        return new AdminResult(project.Id, []);
    }

    public async Task<AdminResult> UpdateAsync(int id, long version, ProjectInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new AdminRecordNotFoundException(EntityType, id);
        var errors = await ValidateAsync(input with { TimeZoneId = project.TimeZoneId }, id, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail([.. errors]);
        }

        await EditVersion.ExpectAsync(db, EntityType, id, version, cancellationToken);
        var before = Describe(project);
        project.Rename(input.Name, input.Customer);
        Apply(project, input);
        db.Audit(actor, Now, EntityType, id, "Updated", before, Describe(project));
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult(id, []);
    }

    private static void Apply(Project project, ProjectInput input)
    {
        project.SetContractPeriod(input.ContractStart, input.ContractEnd);
        project.SetLimits(new ServiceLimits(input.FirstResponseHours, input.ResolutionHours, input.ArchiveHours));
    }

    private async Task<List<AdminError>> ValidateAsync(ProjectInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<AdminError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new AdminError(nameof(ProjectInput.Name), "Admin.Projects.NameRequired"));
        }
        else if (await db.Projects.AnyAsync(p => p.Id != id && p.Name == name, cancellationToken))
        {
            errors.Add(new AdminError(nameof(ProjectInput.Name), "Admin.Projects.NameTaken", name));
        }

        if (input.ContractStart is { } start && input.ContractEnd is { } end && end < start)
        {
            errors.Add(new AdminError(nameof(ProjectInput.ContractEnd), "Admin.Projects.ContractEndBeforeStart"));
        }

        foreach (var (field, hours) in new[]
                 {
                     (nameof(ProjectInput.FirstResponseHours), input.FirstResponseHours),
                     (nameof(ProjectInput.ResolutionHours), input.ResolutionHours),
                     (nameof(ProjectInput.ArchiveHours), input.ArchiveHours),
                 })
        {
            if (hours <= 0 || hours > 10000)
            {
                errors.Add(new AdminError(field, "Admin.Projects.LimitOutOfRange"));
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZoneId ?? "", out _))
        {
            errors.Add(new AdminError(nameof(ProjectInput.TimeZoneId), "Admin.Projects.UnknownTimeZone", input.TimeZoneId ?? ""));
        }

        return errors;
    }

    private static string Describe(Project p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"name={p.Name}; customer={p.Customer}; contract={p.ContractStart:yyyy-MM-dd}..{p.ContractEnd:yyyy-MM-dd}; limits={p.Limits.FirstResponseHours}/{p.Limits.ResolutionHours}/{p.Limits.ArchiveHours}h; tz={p.TimeZoneId}");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
