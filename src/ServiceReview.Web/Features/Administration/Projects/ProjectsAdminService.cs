using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.Projects;

/// <summary>Projects (项目): name, customer, contract period, service-record time limits, time zone.</summary>
public sealed class ProjectsAdminService(ServiceReviewDbContext db, TimeProvider clock)
{
    public const string EntityType = nameof(Project);

    /// <summary>The projects the actor administers (a manager: their own), searched by name or customer, a page at a time.</summary>
    public async Task<Paged<ProjectListItem>> ListAsync(Actor actor, string? search, PageRequest request, CancellationToken cancellationToken = default)
    {
        var query = Administered(db.Projects.AsNoTracking(), actor);
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

    /// <summary>Every project, for lists to choose from.</summary>
    public async Task<IReadOnlyList<ProjectOption>> OptionsAsync(CancellationToken cancellationToken = default) =>
        await Options(db.Projects.AsNoTracking(), cancellationToken);

    /// <summary>The projects the actor administers, for lists to choose from.</summary>
    public async Task<IReadOnlyList<ProjectOption>> OptionsAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await Options(Administered(db.Projects.AsNoTracking(), actor), cancellationToken);

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

    /// <summary>A project for its form: not found, or forbidden when the actor does not administer it.</summary>
    public async Task<Outcome<ProjectDetails>> GetAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var p = await db.Projects.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (p is null)
        {
            return Outcome.NotFound();
        }

        return actor.Administers(p.Id)
            ? new ProjectDetails(p.Id, new ProjectInput(p.Name, p.Customer, p.ContractStart, p.ContractEnd,
                p.Limits.FirstResponseHours, p.Limits.ResolutionHours, p.Limits.ArchiveHours, p.TimeZoneId)
            { ManagerIds = p.ManagerIds },
                p.Calendar is not null, p.ConcurrencyStamp)
            : Outcome.Forbidden();
    }

    /// <summary>Creates a project, with its managers, and answers its id. Administrators only (the controller's policy says so).</summary>
    public Task<Outcome<int>> CreateAsync(ProjectInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => AddAsync(input, actor, cancellationToken));

    private async Task<Outcome<int>> AddAsync(ProjectInput input, Actor actor, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(input, null, cancellationToken);
        var (managers, isManager) = await ManagersAsync(input.ManagerIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var project = new Project(input.Name, input.Customer, input.TimeZoneId);
        Apply(project, input);
        project.SetManagers(managers!, isManager!);
        db.Projects.Add(project);
        await db.SaveNewWithAuditAsync(() => db.Audit(actor, Now, EntityType, project.Id, "Created", null, Describe(project)), cancellationToken);
        return project.Id;
    }

    /// <summary>
    /// Saves a project edited from a form built on <paramref name="stamp"/>. A manager may edit only a project they
    /// manage, and their save leaves the managers as they are; an administrator sets them.
    /// </summary>
    public Task<Outcome> UpdateAsync(int id, Guid stamp, ProjectInput input, Actor actor, CancellationToken cancellationToken = default) =>
        Outcome.Of(() => SaveAsync(id, stamp, input, actor, cancellationToken));

    private async Task<Outcome> SaveAsync(int id, Guid stamp, ProjectInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var project = await db.Projects.AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return Outcome.NotFound();
        }

        if (!actor.Administers(project.Id))
        {
            return Outcome.Forbidden();
        }

        var errors = await ValidateAsync(input with { TimeZoneId = project.TimeZoneId }, id, cancellationToken);
        var (managers, isManager) = actor.IsAdmin ? await ManagersAsync(input.ManagerIds, errors, cancellationToken) : (null, null);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
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
        return Outcome.Ok();
    }

    /// <summary>The people chosen as managers; an error for anyone who is not an active person with the Manager role.</summary>
    private async Task<(List<Person>? People, Func<Person, bool>? IsManager)> ManagersAsync(IReadOnlyList<int> ids, List<OutcomeError> errors, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var people = await db.People.Where(p => wanted.Contains(p.Id)).ToListAsync(cancellationToken);
        var managerUsers = (await ManagerUserIdsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (people.Count != wanted.Count)
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.ManagerIds), "Admin.Projects.UnknownManager"));
        }

        foreach (var person in people.Where(p => !p.IsActive || p.UserId is null || !managerUsers.Contains(p.UserId)))
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.ManagerIds), "Admin.Projects.NotAManager", person.DisplayName));
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

    /// <summary>An administrator administers every project; a manager the projects they manage (none without a person record).</summary>
    private static IQueryable<Project> Administered(IQueryable<Project> projects, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdmin)
        {
            return projects;
        }

        var managed = actor.IsManager ? actor.ManagedProjectIds.ToList() : [];
        return projects.Where(p => managed.Contains(p.Id));
    }

    private static async Task<IReadOnlyList<ProjectOption>> Options(IQueryable<Project> projects, CancellationToken cancellationToken) =>
        await projects.OrderBy(p => p.Name).Select(p => new ProjectOption(p.Id, p.Name, p.Customer)).ToListAsync(cancellationToken);

    private async Task<List<OutcomeError>> ValidateAsync(ProjectInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<OutcomeError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.Name), "Admin.Projects.NameRequired"));
        }
        else if (await db.Projects.AnyAsync(p => p.Id != id && p.Name == name, cancellationToken))
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.Name), "Admin.Projects.NameTaken", name));
        }

        if (input.ContractStart is { } start && input.ContractEnd is { } end && end < start)
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.ContractEnd), "Admin.Projects.ContractEndBeforeStart"));
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
                errors.Add(OutcomeError.Of(field, "Admin.Projects.LimitOutOfRange"));
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZoneId ?? "", out _))
        {
            errors.Add(OutcomeError.Of(nameof(ProjectInput.TimeZoneId), "Admin.Projects.UnknownTimeZone", input.TimeZoneId ?? ""));
        }

        return errors;
    }

    private static string Describe(Project p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"name={p.Name}; customer={p.Customer}; contract={p.ContractStart:yyyy-MM-dd}..{p.ContractEnd:yyyy-MM-dd}; limits={p.Limits.FirstResponseHours}/{p.Limits.ResolutionHours}/{p.Limits.ArchiveHours}h; tz={p.TimeZoneId}; managers={string.Join(',', p.ManagerIds.Order())}");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
