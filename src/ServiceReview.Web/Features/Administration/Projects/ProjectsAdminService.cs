using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.Projects;

/// <summary>Projects (项目): name, customer, contract period, service-record time limits, time zone.</summary>
public sealed class ProjectsAdminService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const string EntityType = nameof(Project);

    /// <summary>The projects in scope (a manager: their own), searched by name or customer, a page at a time.</summary>
    public async Task<Paged<ProjectListItem>> ListAsync(AdminScope scope, string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        var query = scope.Projects(db.Projects.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // In a query EF translates ToLower() to SQL LOWER(); the culture and StringComparison overloads do not translate.
            query = query.Where(p => p.Name.ToLower().Contains(term) || p.Customer.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var projects = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).AsSplitQuery().ToPagedAsync(request, cancellationToken);
        var ids = projects.Items.Select(p => p.Id).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => ids.Contains(t.ProjectId)).GroupBy(t => t.ProjectId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var managerIds = projects.Items.SelectMany(p => p.ManagerIds).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => managerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return projects.Map(p => new ProjectListItem(p.Id, p.Name, p.Customer, p.ContractStart, p.ContractEnd, p.Limits,
            p.Calendar is not null, p.TimeZoneId, teams.GetValueOrDefault(p.Id))
        {
            Managers = p.ManagerIds.Select(id => names.GetValueOrDefault(id, "?")).Order(StringComparer.Ordinal).ToList(),
        });
    }

    public async Task<IReadOnlyList<ProjectOption>> OptionsAsync(CancellationToken cancellationToken = default) =>
        await OptionsAsync(AdminScope.Administrator, cancellationToken);

    /// <summary>The projects in scope, for lists to choose from.</summary>
    public async Task<IReadOnlyList<ProjectOption>> OptionsAsync(AdminScope scope, CancellationToken cancellationToken = default) =>
        await scope.Projects(db.Projects.AsNoTracking()).OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Customer)).ToListAsync(cancellationToken);

    /// <summary>Active people whose account holds the Manager role: who may manage a project.</summary>
    public async Task<IReadOnlyList<PersonOption>> ManagerOptionsAsync(CancellationToken cancellationToken = default)
    {
        var managerUsers = await ManagerUserIdsAsync(cancellationToken);
        return await db.People.AsNoTracking()
            .Where(p => p.IsActive && p.UserId != null && managerUsers.Contains(p.UserId))
            .OrderBy(p => p.DisplayName)
            .Select(p => new PersonOption(p.Id, p.DisplayName, p.Email, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    /// <summary>True when the project exists and is in scope.</summary>
    public async Task<bool> InScopeAsync(AdminScope scope, int projectId, CancellationToken cancellationToken = default) =>
        await scope.Projects(db.Projects.AsNoTracking()).AnyAsync(p => p.Id == projectId, cancellationToken);

    public async Task<ProjectDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var p = await db.Projects.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return p is null
            ? null
            : new ProjectDetails(p.Id, new ProjectInput(p.Name, p.Customer, p.ContractStart, p.ContractEnd,
                p.Limits.FirstResponseHours, p.Limits.ResolutionHours, p.Limits.ArchiveHours, p.TimeZoneId)
            { ManagerIds = p.ManagerIds },
                p.Calendar is not null, p.ConcurrencyStamp);
    }

    /// <summary>Creates a project, with its managers. Administrators only (the controller's policy says so).</summary>
    public async Task<AdminResult> CreateAsync(ProjectInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(input, null, cancellationToken);
        var (managers, isManager) = await ManagersAsync(input.ManagerIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail([.. errors]);
        }

        var project = new Project(input.Name, input.Customer, input.TimeZoneId);
        Apply(project, input);
        project.SetManagers(managers!, isManager!);
        db.Projects.Add(project);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, Now, EntityType, project.Id, "Created", null, Describe(project)), cancellationToken);
        return new AdminResult(project.Id, []);
    }

    /// <summary>
    /// Saves a project edited from a form built on <paramref name="stamp"/>. A manager may edit only a project they
    /// manage, and their save leaves the managers as they are; an administrator sets them.
    /// </summary>
    public async Task<AdminResult> UpdateAsync(int id, Guid stamp, ProjectInput input, AdminScope scope, Actor actor, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new AdminRecordNotFoundException(EntityType, id);
        if (!scope.Allows(project.ManagerIds))
        {
            throw new AdminForbiddenException(EntityType, id);
        }

        var errors = await ValidateAsync(input with { TimeZoneId = project.TimeZoneId }, id, cancellationToken);
        var (managers, isManager) = scope.IsAdmin ? await ManagersAsync(input.ManagerIds, errors, cancellationToken) : (null, null);
        if (errors.Count > 0)
        {
            return AdminResult.Fail([.. errors]);
        }

        AdminStamp.Expect(db, project, stamp);
        var before = Describe(project);
        project.Rename(input.Name, input.Customer);
        Apply(project, input);
        if (managers is not null)
        {
            project.SetManagers(managers, isManager!);
        }

        db.Audit(actor, Now, EntityType, id, "Updated", before, Describe(project));
        await db.SaveOrConflictAsync(cancellationToken);
        return new AdminResult(id, []);
    }

    /// <summary>The people chosen as managers; an error for anyone who is not an active person with the Manager role.</summary>
    private async Task<(List<Person>? People, Func<Person, bool>? IsManager)> ManagersAsync(IReadOnlyList<int> ids, List<AdminError> errors, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var people = await db.People.Where(p => wanted.Contains(p.Id)).ToListAsync(cancellationToken);
        var managerUsers = (await ManagerUserIdsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (people.Count != wanted.Count)
        {
            errors.Add(new AdminError(nameof(ProjectInput.ManagerIds), "Admin.Projects.UnknownManager"));
        }

        foreach (var person in people.Where(p => !p.IsActive || p.UserId is null || !managerUsers.Contains(p.UserId)))
        {
            errors.Add(new AdminError(nameof(ProjectInput.ManagerIds), "Admin.Projects.NotAManager", person.DisplayName));
        }

        return (people, p => p.UserId is not null && managerUsers.Contains(p.UserId));
    }

    private async Task<List<string>> ManagerUserIdsAsync(CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               join u in db.Users on ur.UserId equals u.Id
               where r.Name == Roles.Manager && !u.IsDisabled
               select ur.UserId).ToListAsync(cancellationToken);

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
            $"name={p.Name}; customer={p.Customer}; contract={p.ContractStart:yyyy-MM-dd}..{p.ContractEnd:yyyy-MM-dd}; limits={p.Limits.FirstResponseHours}/{p.Limits.ResolutionHours}/{p.Limits.ArchiveHours}h; tz={p.TimeZoneId}; managers={string.Join(',', p.ManagerIds.Order())}");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
