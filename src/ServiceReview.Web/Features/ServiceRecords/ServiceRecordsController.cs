using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.ServiceRecords.Import;
using ServiceReview.Web.Features.ServiceRecords.Import.Background;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// 服务记录: a team's records with their measured figures, add/edit, import, and a project's time limits. Managers and
/// admins see every team; a team lead edits their own team; an inspector reads the teams they are assigned to.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ServiceRecordsController(
    TeamRecordAccess access,
    ServiceMetricsService metrics,
    ServiceRecordEditor editor,
    ImportJobQueue imports,
    ICurrentActor currentActor,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock,
    OrganisationClock localTime) : Controller
{
    private const int PageSize = 50;
    private const int RecentImports = 5;

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var teams = await access.TeamsForAsync(actor, cancellationToken);
        return teams.Count == 1 ? RedirectToAction(nameof(Team), new { id = teams[0].Id }) : View(new TeamsViewModel(teams));
    }

    [HttpGet]
    public async Task<IActionResult> Team(int id, [FromQuery] RecordFilter filter, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var grant = await access.ReadAsync(id, actor, cancellationToken);
        if (!grant.IsOk)
        {
            return Refuse(grant);
        }

        var (team, mayEdit) = grant.Value;
        var project = (await editor.ProjectOfTeamAsync(id, cancellationToken))!;
        var zone = ServicePeriod.FindZone(project.TimeZoneId);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(-29);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        var asOf = filter.AsOf is { } at && at.UtcDateTime < now ? at.UtcDateTime : now;
        var context = (await metrics.ContextAsync(id, from, to, asOf, cancellationToken))!;
        var figures = (await metrics.CountAsync(context, cancellationToken)).ToFigures();
        var page = await editor.ListAsync(context, filter.Slice, filter.Type, filter.Channel, filter.Q, filter.Page, PageSize, cancellationToken);
        var indicators = await metrics.IndicatorsOfTeamAsync(id, cancellationToken);
        FigureCard Card(MeasuredMetric metric, RecordSlice numerator, RecordSlice denominator, bool isCount) =>
            new(metric, indicators.GetValueOrDefault(metric)?.Code, figures[metric], numerator, denominator, isCount);
        var cards = new List<FigureCard>
        {
            Card(MeasuredMetric.Complete, RecordSlice.Complete, RecordSlice.All, false),
            Card(MeasuredMetric.LateArchives, RecordSlice.LateArchive, RecordSlice.All, true),
            Card(MeasuredMetric.FirstResponseOnTime, RecordSlice.ResponseOnTime, RecordSlice.ResponseJudged, false),
            Card(MeasuredMetric.ResolvedOnTime, RecordSlice.ResolvedOnTime, RecordSlice.ResolutionJudged, false),
            Card(MeasuredMetric.FirstContactResolution, RecordSlice.FirstContact, RecordSlice.Resolved, false),
        };
        var limits = localizer[project.Calendar is null ? "Records.Limits.SummaryCalendarHours" : "Records.Limits.SummaryWorkingHours",
            Hours(project.Limits.FirstResponseHours), Hours(project.Limits.ResolutionHours), Hours(project.Limits.ArchiveHours)].Value;
        var recent = mayEdit ? await imports.RecentAsync(id, RecentImports, cancellationToken) : [];
        return View(new TeamRecordsViewModel(team, filter, from, to, cards, page, zone, mayEdit, actor.IsManager, limits) { RecentImports = recent });
    }

    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> Create(int teamId, CancellationToken cancellationToken)
    {
        var team = await EditableAsync(teamId, cancellationToken);
        return team.IsOk ? View("Form", new RecordFormViewModel(team.Value, null, new RecordForm())) : Refuse(team);
    }

    [HttpPost]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> Create(int teamId, RecordForm form, CancellationToken cancellationToken)
    {
        var team = await EditableAsync(teamId, cancellationToken);
        if (!team.IsOk)
        {
            return Refuse(team);
        }

        IActionResult Form() => View("Form", new RecordFormViewModel(team.Value, null, form));
        if (!ModelState.IsValid)
        {
            return Form();
        }

        var zone = await ZoneAsync(teamId, cancellationToken);
        var outcome = await editor.CreateAsync(await currentActor.GetAsync(cancellationToken), teamId, form.TicketId, ToData(form, zone), cancellationToken);
        return AnswerForm(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Records.Form.Created", form.TicketId.Trim()]);
            return RedirectToAction(nameof(Team), new { id = teamId });
        }, Form);
    }

    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var record = await editor.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        var team = await EditableAsync(record.TeamId, cancellationToken);
        if (!team.IsOk)
        {
            return Refuse(team);
        }

        var zone = await ZoneAsync(record.TeamId, cancellationToken);
        return View("Form", new RecordFormViewModel(team.Value, id, ToForm(record, zone)));
    }

    [HttpPost]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> Edit(int id, RecordForm form, CancellationToken cancellationToken)
    {
        var record = await editor.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        var team = await EditableAsync(record.TeamId, cancellationToken);
        if (!team.IsOk)
        {
            return Refuse(team);
        }

        form.TicketId = record.TicketId;
        ModelState.Remove(nameof(RecordForm.TicketId));
        IActionResult Form() => View("Form", new RecordFormViewModel(team.Value, id, form));
        if (!ModelState.IsValid)
        {
            return Form();
        }

        var zone = await ZoneAsync(record.TeamId, cancellationToken);
        var outcome = await editor.UpdateAsync(await currentActor.GetAsync(cancellationToken), id, ToData(form, zone), new DateTime(form.LoadedTicks, DateTimeKind.Utc), cancellationToken);
        return AnswerForm(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Records.Form.Saved", record.TicketId]);
            return RedirectToAction(nameof(Team), new { id = record.TeamId });
        }, Form);
    }

    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> Import(int teamId, CancellationToken cancellationToken)
    {
        var team = await EditableAsync(teamId, cancellationToken);
        return team.IsOk ? View(new ImportViewModel(team.Value, null, null, false)) : Refuse(team);
    }

    [HttpPost]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    [RequestSizeLimit(ServiceReview.Web.Features.ServiceRecords.ServiceRecordImportController.MaxFileBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = ServiceReview.Web.Features.ServiceRecords.ServiceRecordImportController.MaxFileBytes)]
    public async Task<IActionResult> Import(int teamId, IFormFile? file, bool partial, CancellationToken cancellationToken)
    {
        var team = await EditableAsync(teamId, cancellationToken);
        if (!team.IsOk)
        {
            return Refuse(team);
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Records.Import.NoFile"]);
            return View(new ImportViewModel(team.Value, null, null, partial));
        }

        // The file is saved and imported in the background (big files take minutes); the page then shows its progress.
        // A file refused at sight (wrong type, a workbook past its caps) is not queued: the form says why.
        await using var stream = file.OpenReadStream();
        try
        {
            var job = await imports.EnqueueAsync(teamId, await currentActor.GetAsync(cancellationToken), file.FileName, stream, partial, cancellationToken);
            return RedirectToAction(nameof(ImportProgress), new { id = job.Key });
        }
        catch (UploadRefusedException refusal)
        {
            UploadRefusals.AddTo(ModelState, Response, localizer, refusal);
            return View(new ImportViewModel(team.Value, null, null, partial));
        }
    }

    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> ImportProgress(Guid id, CancellationToken cancellationToken)
    {
        if (await VisibleJobAsync(id, cancellationToken) is not var (job, team))
        {
            return NotFound();
        }

        return job.IsFinished ? RedirectToAction(nameof(ImportResult), new { id }) : View(new ImportProgressViewModel(team, job));
    }

    /// <summary>
    /// Where the progress page goes when the import ends: the team's records with a status message when rows were written
    /// without errors; otherwise (or with <paramref name="details"/>, the link of the recent imports) the errors.
    /// </summary>
    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> ImportResult(Guid id, bool details, CancellationToken cancellationToken)
    {
        if (await VisibleJobAsync(id, cancellationToken) is not var (job, team))
        {
            return NotFound();
        }

        if (!job.IsFinished)
        {
            return RedirectToAction(nameof(ImportProgress), new { id });
        }

        if (job.Status == ImportJobStatus.Succeeded && (!details || job.ErrorCount == 0))
        {
            TempData.SetStatus(
                localizer["Records.Import.Done", job.Imported, job.Updated, job.ErrorCount],
                job.ErrorCount > 0 ? StatusKind.Warning : StatusKind.Success);
            return RedirectToAction(nameof(Team), new { id = job.TeamId });
        }

        if (job.Status == ImportJobStatus.Failed && job.ErrorCount == 0)
        {
            ModelState.AddModelError("", localizer["RecordsImportJob.Failed", job.FileName]);
        }

        var result = job.Status == ImportJobStatus.Cancelled ? null : ImportJobErrors.ToResult(job);
        return View(nameof(Import), new ImportViewModel(team, result, job.FileName, job.Partial));
    }

    /// <summary>Withdraws an import that is still waiting; once a worker has it, a friendly refusal.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public async Task<IActionResult> CancelImport(Guid id, CancellationToken cancellationToken)
    {
        var job = await imports.CancelAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
        return this.Answer(job, ok: () =>
        {
            TempData.SetStatus(localizer["RecordsImportJob.Cancelled", job.Value.FileName]);
            return RedirectToAction(nameof(Team), new { id = job.Value.TeamId });
        }, back: () => RedirectToAction(nameof(ImportProgress), new { id }), StatusKind.Warning);
    }

    /// <summary>A background import the current user may see (their team's, or any for a manager); null for others and unknown ids: 404.</summary>
    private async Task<(ImportJob Job, TeamHeading Team)?> VisibleJobAsync(Guid id, CancellationToken cancellationToken)
    {
        return await imports.FindVisibleAsync(id, await currentActor.GetAsync(cancellationToken), cancellationToken);
    }

    [HttpGet]
    [Authorize(Policy = Policies.TeamLeadOrAbove)]
    public IActionResult Template() =>
        File(XlsxTemplate.Create(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "服务记录导入模板.xlsx");

    [HttpGet]
    [Authorize(Policy = Policies.ManagerOrAdmin)]
    public async Task<IActionResult> Limits(int projectId, int? teamId, CancellationToken cancellationToken)
    {
        var found = await editor.LimitsOfAsync(await currentActor.GetAsync(cancellationToken), projectId, cancellationToken);
        if (!found.IsOk)
        {
            return Refuse(found);
        }

        var project = found.Value;
        var form = new LimitsForm
        {
            FirstResponseHours = project.Limits.FirstResponseHours,
            ResolutionHours = project.Limits.ResolutionHours,
            ArchiveHours = project.Limits.ArchiveHours,
            UseCalendar = project.Calendar is not null,
            Days = project.Calendar is { } c ? Enum.GetValues<DayOfWeek>().Where(d => c.Days.HasFlag(WorkingCalendar.FlagOf(d))).ToList() : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            DayStart = project.Calendar?.DayStart ?? new TimeOnly(9, 0),
            DayEnd = project.Calendar?.DayEnd ?? new TimeOnly(18, 0),
            Holidays = project.Calendar is { } cal ? string.Join("\n", cal.Holidays.OrderBy(h => h.Date).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}".Trim())) : null,
            ReturnTeamId = teamId,
        };
        return View(new LimitsViewModel(projectId, project.Name, form));
    }

    [HttpPost]
    [Authorize(Policy = Policies.ManagerOrAdmin)]
    public async Task<IActionResult> Limits(int projectId, LimitsForm form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var found = await editor.LimitsOfAsync(actor, projectId, cancellationToken);
        if (!found.IsOk)
        {
            return Refuse(found);
        }

        var project = found.Value;
        var holidays = new List<Holiday>();
        foreach (var line in (form.Holidays ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(new Holiday(date, parts.Length > 1 ? parts[1] : null));
            }
            else
            {
                ModelState.AddModelError(nameof(LimitsForm.Holidays), localizer["Records.Limits.BadHoliday", line]);
            }
        }

        IActionResult Form() => View(new LimitsViewModel(projectId, project.Name, form));
        if (!ModelState.IsValid)
        {
            return Form();
        }

        var outcome = await editor.SetLimitsAsync(actor, projectId, () =>
        {
            var limits = new ServiceLimits(form.FirstResponseHours, form.ResolutionHours, form.ArchiveHours);
            var days = form.Days.Aggregate(WorkDays.None, (all, d) => all | WorkingCalendar.FlagOf(d));
            return (limits, form.UseCalendar ? new WorkingCalendar(days, form.DayStart, form.DayEnd, holidays) : null);
        }, cancellationToken);
        return AnswerForm(outcome, ok: () =>
        {
            TempData.SetStatus(localizer["Records.Limits.Saved", project.Name]);
            return form.ReturnTeamId is { } teamId ? RedirectToAction(nameof(Team), new { id = teamId }) : RedirectToAction(nameof(Index));
        }, Form);
    }

    private static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>
    /// A record form's answer: a conflict in this page's words (who saved the record since the form was loaded, in the
    /// organisation's time), anything else through <see cref="OutcomeAnswers"/>.
    /// </summary>
    private IActionResult AnswerForm(IOutcome outcome, Func<IActionResult> ok, Func<IActionResult> form)
    {
        if (outcome.Status != OutcomeStatus.Conflict)
        {
            return this.Answer(outcome, ok, form);
        }

        var at = outcome.ChangedAtUtc is { } t ? localTime.Show(t) : "?";
        ModelState.AddModelError("", localizer["Records.Form.Conflict", outcome.ChangedBy ?? "?", at]);
        return form();
    }

    private async Task<Outcome<TeamHeading>> EditableAsync(int teamId, CancellationToken cancellationToken) =>
        await access.EditAsync(teamId, await currentActor.GetAsync(cancellationToken), cancellationToken);

    private IActionResult Refuse(IOutcome refused) => refused.Status == OutcomeStatus.NotFound ? NotFound() : Forbid();

    private async Task<TimeZoneInfo> ZoneAsync(int teamId, CancellationToken cancellationToken) =>
        ServicePeriod.FindZone((await editor.ProjectOfTeamAsync(teamId, cancellationToken))?.TimeZoneId);

    private static ServiceRecordData ToData(RecordForm f, TimeZoneInfo zone)
    {
        DateTime? Utc(DateTime? local) => local is { } l ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), zone) : null;
        return new ServiceRecordData
        {
            Customer = f.Customer,
            Channel = f.Channel,
            Type = f.Type,
            Summary = f.Summary,
            ReceivedAt = Utc(f.ReceivedAt),
            FirstResponseAt = Utc(f.FirstResponseAt),
            ResolvedAt = Utc(f.ResolvedAt),
            ResolvedAtFirstContact = f.ResolvedAtFirstContact,
            Handler = f.Handler,
            ClosedAt = Utc(f.ClosedAt),
            ArchivedAt = Utc(f.ArchivedAt),
        };
    }

    private static RecordForm ToForm(ServiceRecord r, TimeZoneInfo zone)
    {
        DateTime? Local(DateTime? utc) => utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(u, zone) : null;
        return new RecordForm
        {
            TicketId = r.TicketId,
            Customer = r.Customer,
            Channel = r.Channel,
            Type = r.Type,
            Summary = r.Summary,
            ReceivedAt = Local(r.ReceivedAt),
            FirstResponseAt = Local(r.FirstResponseAt),
            ResolvedAt = Local(r.ResolvedAt),
            ResolvedAtFirstContact = r.ResolvedAtFirstContact,
            Handler = r.Handler,
            ClosedAt = Local(r.ClosedAt),
            ArchivedAt = Local(r.ArchivedAt),
            LoadedTicks = r.UpdatedAt.Ticks,
        };
    }
}
