using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Features.Administration.Projects;
using ServiceReview.Web.Features.Administration.Teams;

using static ServiceReview.Web.Features.Administration.People.OrganisationWorkbook;

namespace ServiceReview.Web.Features.Administration.People;

/// <summary>A created account and its one-time password, shown once after the import.</summary>
public sealed record ImportedAccount(string Name, string Email, string Password);

public sealed record OrganisationImportResult(
    IReadOnlyList<WorkbookError> Errors,
    int PeopleCreated,
    int ProjectsCreated,
    int TeamsCreated,
    IReadOnlyList<ImportedAccount> Accounts)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports people and teams from the workbook of <see cref="OrganisationWorkbook"/>: every row is checked against the
/// file and the database first; with any problem nothing is created. Otherwise people (and their accounts), new
/// projects and teams are created in one transaction, each with its own audit entry.
/// </summary>
public sealed class OrganisationImporter(ServiceReviewDbContext db, PeopleAdminService people, TeamsAdminService teams, TimeProvider clock,
    IOptions<UploadOptions>? uploads = null)
{
    public async Task<OrganisationImportResult> ImportAsync(Stream file, Actor actor, CancellationToken cancellationToken = default)
    {
        var content = Read(file, (uploads?.Value ?? new UploadOptions()).SmallWorkbooks);
        var errors = content.Errors.ToList();
        await CheckAgainstDatabaseAsync(content, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new OrganisationImportResult(errors.OrderBy(e => e.Sheet == PeopleSheet ? 0 : 1).ThenBy(e => e.Row).ToList(), 0, 0, 0, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = new List<ImportedAccount>();
        var projectsCreated = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            accounts.Clear();
            projectsCreated = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var byEmail = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in content.People)
            {
                var person = new Person(row.Name, row.Email);
                if (row.InspectorType is { } type)
                {
                    person.MakeInspector(type, row.Years ?? 0);
                }

                db.People.Add(person);
                byEmail[row.Email] = person;
                if (row.CreateAccount)
                {
                    var (password, problems) = await people.CreateAccountAsync(person,
                        new PersonInput(row.Name, row.Email, row.Roles, row.InspectorType, row.Years, true), cancellationToken);
                    if (problems.Count > 0)
                    {
                        throw new InvalidOperationException($"Row {row.Row}: the account was refused although the row was checked.");
                    }

                    accounts.Add(new ImportedAccount(person.DisplayName, person.Email, password));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var row in content.People)
            {
                var person = byEmail[row.Email];
                db.Audit(actor, now, PeopleAdminService.EntityType, person.Id, "Imported", null,
                    $"name={person.DisplayName}; email={person.Email}; roles={string.Join(',', row.Roles)}; projects={string.Join(',', row.Projects)}");
            }

            var known = await db.People.Where(p => p.Email != "").ToListAsync(cancellationToken);
            Person PersonOf(string email) => byEmail.TryGetValue(email, out var p) ? p : known.First(k => string.Equals(k.Email, email, StringComparison.OrdinalIgnoreCase));

            var projects = await db.Projects.AsSplitQuery().ToDictionaryAsync(p => p.Name, cancellationToken);
            var newTeams = new List<Team>();
            foreach (var row in content.Teams)
            {
                if (!projects.TryGetValue(row.Project, out var project))
                {
                    project = new Project(row.Project, row.Customer);
                    db.Projects.Add(project);
                    await db.SaveChangesAsync(cancellationToken);
                    db.Audit(actor, now, ProjectsAdminService.EntityType, project.Id, "Imported", null, $"name={project.Name}; customer={project.Customer}");
                    projects[row.Project] = project;
                    projectsCreated++;
                }

                var team = new Team(project.Id, row.Team);
                if (row.LeadEmail is { } lead)
                {
                    team.SetLead(PersonOf(lead).Id);
                    await teams.GiveLeadRoleAsync(team.LeadId, cancellationToken);
                }

                foreach (var member in row.MemberEmails)
                {
                    team.AddMember(PersonOf(member).Id);
                }

                db.Teams.Add(team);
                newTeams.Add(team);
            }

            foreach (var row in content.People.Where(r => r.Projects.Count > 0))
            {
                byEmail[row.Email].LimitInspectionTo(row.Projects.Select(name => projects[name].Id));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var team in newTeams)
            {
                db.Audit(actor, now, TeamsAdminService.EntityType, team.Id, "Imported", null,
                    string.Create(CultureInfo.InvariantCulture, $"project={team.ProjectId}; name={team.Name}; lead={team.LeadId}; members={string.Join(',', team.Members.Select(m => m.PersonId))}"));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        return new OrganisationImportResult([], content.People.Count, projectsCreated, content.Teams.Count, accounts);
    }

    private async Task CheckAgainstDatabaseAsync(OrganisationWorkbookContent content, List<WorkbookError> errors, CancellationToken cancellationToken)
    {
        var existingPeople = (await db.People.AsNoTracking().Select(p => p.Email).ToListAsync(cancellationToken))
            .Concat(await db.Users.AsNoTracking().Select(u => u.Email ?? "").ToListAsync(cancellationToken))
            .Where(e => e.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inFile = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var emailColumn = Title(PeopleColumns, "Email");
        foreach (var row in content.People.Where(r => r.Email.Length > 0))
        {
            if (existingPeople.Contains(row.Email))
            {
                errors.Add(Error(PeopleSheet, row.Row, emailColumn, row.Email, "Admin.Import.EmailExists", "Someone with this e-mail address exists already."));
            }
            else if (inFile.TryGetValue(row.Email, out var first))
            {
                errors.Add(Error(PeopleSheet, row.Row, emailColumn, row.Email, "Admin.Import.EmailTwice", $"Also on row {first}.", first));
            }
            else
            {
                inFile[row.Email] = row.Row;
            }
        }

        var projects = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var teamKeys = await db.Teams.AsNoTracking().Select(t => new { t.ProjectId, t.Name }).ToListAsync(cancellationToken);
        var newProjects = new HashSet<string>(StringComparer.Ordinal);
        var teamsInFile = new Dictionary<(string, string), int>();
        foreach (var row in content.Teams.Where(r => r.Project.Length > 0 && r.Team.Length > 0))
        {
            var project = projects.FirstOrDefault(p => p.Name == row.Project);
            if (project is null && !newProjects.Contains(row.Project))
            {
                if (row.Customer.Length == 0)
                {
                    errors.Add(Error(TeamsSheet, row.Row, Title(TeamColumns, "Customer"), null, "Admin.Import.CustomerForNewProject", "A new project needs its customer."));
                }

                newProjects.Add(row.Project);
            }

            if (project is not null && teamKeys.Any(t => t.ProjectId == project.Id && t.Name == row.Team))
            {
                errors.Add(Error(TeamsSheet, row.Row, Title(TeamColumns, "Team"), row.Team, "Admin.Import.TeamExists", "This project has a team of that name already."));
            }
            else if (teamsInFile.TryGetValue((row.Project, row.Team), out var first))
            {
                errors.Add(Error(TeamsSheet, row.Row, Title(TeamColumns, "Team"), row.Team, "Admin.Import.TeamTwice", $"Also on row {first}.", first));
            }
            else
            {
                teamsInFile[(row.Project, row.Team)] = row.Row;
            }

            bool Known(string email) => inFile.ContainsKey(email) || existingPeople.Contains(email);
            if (row.LeadEmail is { } lead && !Known(lead))
            {
                errors.Add(Error(TeamsSheet, row.Row, Title(TeamColumns, "LeadEmail"), lead, "Admin.Import.UnknownEmail", "No person with this e-mail address in the file or the system."));
            }

            foreach (var member in row.MemberEmails.Where(m => !Known(m)))
            {
                errors.Add(Error(TeamsSheet, row.Row, Title(TeamColumns, "MemberEmails"), member, "Admin.Import.UnknownEmail", "No person with this e-mail address in the file or the system."));
            }
        }

        // The projects an inspector may inspect: known ones, or those the Teams sheet of this file creates.
        foreach (var row in content.People)
        {
            foreach (var name in row.Projects.Where(n => projects.All(p => p.Name != n) && !newProjects.Contains(n)))
            {
                errors.Add(Error(PeopleSheet, row.Row, Title(PeopleColumns, "Projects"), name, "Admin.Import.UnknownProject", "No project of this name in the system or in the Teams sheet."));
            }
        }
    }
}
