using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Results;

/// <summary>
/// Round results (反馈): the ranking of a round (managers), a team's result (managers, the team's lead, inspectors of the
/// team who have submitted), and feedback notes on it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ResultsController(
    RoundResultsService results, FeedbackService feedback, CorrectiveActionService actions,
    ICurrentActor currentActor, GradeLabels grades, IStringLocalizer<SharedResource> l) : Controller
{
    [RememberListQuery]
    public async Task<IActionResult> Index(string? q, RoundStatus? status, int? page, int? size, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var search = PagingExtensions.NormaliseSearch(q);
        var request = PageRequest.Of(page, size);
        status = actor.IsManager && status is { } s && Enum.IsDefined(s) ? s : null;
        return View(new ResultsIndexViewModel
        {
            IsManager = actor.IsManager,
            Rounds = actor.IsManager ? await results.RoundsPageAsync(search, status, request, cancellationToken: cancellationToken) : Paged.Empty<RoundSummary>(request),
            Links = actor.IsManager ? Paged.Empty<ResultLink>(request) : await results.LinksPageAsync(actor, search, request, cancellationToken),
            Search = search,
            Status = status,
        });
    }

    /// <summary>Team results across rounds, filtered by team or project name, project, grade and period (issue #17 item 9).</summary>
    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpGet("Results/Search")]
    public async Task<IActionResult> Search(
        string? q, int? projectId, string? grade, DateOnly? from, DateOnly? to, int? page, int? size, CancellationToken cancellationToken)
    {
        var filter = new ResultsFilter(PagingExtensions.NormaliseSearch(q), projectId, string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(), from, to);
        var rows = await results.SearchAsync(filter, PageRequest.Of(page, size, RoundResultsViewModel.DefaultSize), cancellationToken);
        var projects = await results.ProjectsAsync(cancellationToken);
        var inUse = await results.GradesInUseAsync(cancellationToken);
        return View(new ResultsSearchViewModel
        {
            Filter = filter,
            Rows = rows,
            Projects = projects,
            Grades = [.. inUse.Select(g => g.Grade).Distinct()],
            GradeNames = await grades.ForVersionsAsync(rows.Items.Select(r => r.PlanVersionId).Concat(inUse.Select(g => g.PlanVersionId)), cancellationToken),
        });
    }

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpGet("Results/Round/{id:int}")]
    public async Task<IActionResult> Round(int id, string? q, string? sort, int? page, int? size, CancellationToken cancellationToken)
    {
        var query = new TeamsQuery(PagingExtensions.NormaliseSearch(q), sort, null, PageRequest.Of(page, size, RoundResultsViewModel.DefaultSize));
        var stored = await results.RoundPageAsync(id, query, cancellationToken);
        return stored is null ? NotFound() : View(new RoundResultsViewModel { Page = stored, Query = query });
    }

    [HttpGet("Results/Team/{roundId:int}/{teamId:int}")]
    public async Task<IActionResult> Team(int roundId, int teamId, CancellationToken cancellationToken)
    {
        var model = await BuildTeamAsync(roundId, teamId, null, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("Results/Team/{roundId:int}/{teamId:int}/Feedback")]
    public async Task<IActionResult> Feedback(int roundId, int teamId, FeedbackForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // The form again, only to someone who may write here (anyone else: no such page).
            var again = await BuildTeamAsync(roundId, teamId, form, cancellationToken);
            return again is { CanWriteFeedback: true } ? View(nameof(Team), again) : NotFound();
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        var added = await feedback.AddAsync(actor, roundId, teamId, form.Text ?? "", cancellationToken);
        var model = added.IsOk ? null : await BuildTeamAsync(roundId, teamId, form, cancellationToken);
        return this.Answer(added, ok: () =>
        {
            TempData.SetStatus(l["Results.Feedback.Added"]);
            return RedirectToAction(nameof(Team), new { roundId, teamId });
        }, form: () => model is null ? NotFound() : View(nameof(Team), model));
    }

    private async Task<TeamResultViewModel?> BuildTeamAsync(int roundId, int teamId, FeedbackForm? form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!await results.CanViewTeamAsync(actor, roundId, teamId, cancellationToken))
        {
            return null;
        }

        var computed = await results.TeamPageAsync(roundId, teamId, cancellationToken);
        if (computed is null)
        {
            return null;
        }

        var team = computed.Team;
        return new TeamResultViewModel
        {
            GradeBounds = computed.GradeBounds,
            Results = computed.Results,
            Team = team,
            TeamCount = computed.TeamCount,
            Rulings = await results.RulingsForAsync([.. team.Inspections.Select(i => i.Id)], cancellationToken),
            Records = await results.VisibleRecordsAsync(actor, team.Inspections.Select(i => i.Id).ToList(), cancellationToken),
            Feedback = await feedback.ListAsync(roundId, teamId, cancellationToken),
            CanWriteFeedback = await feedback.CanWriteAsync(actor, roundId, teamId, cancellationToken),
            CanRaiseActions = actor.PersonId is not null && await actions.CanRaiseAsync(actor, roundId, teamId, cancellationToken),
            ShowRanking = actor.IsManager,
            Form = form ?? new FeedbackForm { RoundId = roundId, TeamId = teamId },
        };
    }
}
