using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Results;

/// <summary>
/// Round results (反馈): the ranking of a round (managers), a team's result (managers, the team's lead, inspectors of the
/// team who have submitted), and feedback notes on it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ResultsController(
    RoundResultsService results, FeedbackService feedback, CorrectiveActionService actions,
    ICurrentActor currentActor, IStringLocalizer<SharedResource> l) : Controller
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

    [Authorize(Policy = Policies.ManagerOrAdmin)]
    [HttpGet("Results/Round/{id:int}")]
    public async Task<IActionResult> Round(int id, CancellationToken cancellationToken)
    {
        var computed = await results.ComputeAsync(id, cancellationToken);
        return computed is null ? NotFound() : View(new RoundResultsViewModel { Results = computed });
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

        var computed = await results.ComputeAsync(roundId, cancellationToken);
        var team = computed?.Team(teamId);
        if (computed is null || team is null)
        {
            return null;
        }

        return new TeamResultViewModel
        {
            Results = computed,
            Team = team,
            Rulings = await results.RulingsAsync(roundId, cancellationToken),
            Records = await results.VisibleRecordsAsync(actor, team.Inspections.Select(i => i.Id).ToList(), cancellationToken),
            Feedback = await feedback.ListAsync(roundId, teamId, cancellationToken),
            CanWriteFeedback = await feedback.CanWriteAsync(actor, roundId, teamId, cancellationToken),
            CanRaiseActions = actor.PersonId is not null && await actions.CanRaiseAsync(actor, roundId, teamId, cancellationToken),
            ShowRanking = actor.IsManager,
            Form = form ?? new FeedbackForm { RoundId = roundId, TeamId = teamId },
        };
    }
}
