using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Results;

/// <summary>
/// Round results (反馈): the ranking of a round (managers), a team's result (managers, the team's lead, inspectors of the
/// team who have submitted), and feedback notes on it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ResultsController(
    RoundResultsService results, FeedbackService feedback, CorrectiveActionService actions,
    ICurrentActor currentActor, DomainErrorLocalizer errors, IStringLocalizer<SharedResource> l) : Controller
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
            Links = actor.IsManager ? Paged.Empty<ResultLink>(request) : await results.LinksPageAsync(actor.PersonId, search, request, cancellationToken),
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
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!await feedback.CanWriteAsync(actor.PersonId, actor.IsManager, roundId, teamId, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            try
            {
                if (!await feedback.AddAsync(actor, actor.IsManager, roundId, teamId, form.Text ?? "", cancellationToken))
                {
                    return NotFound();
                }

                TempData.SetStatus(l["Results.Feedback.Added"]);
                return RedirectToAction(nameof(Team), new { roundId, teamId });
            }
            catch (DomainException ex)
            {
                errors.AddTo(ModelState, ex);
            }
        }

        var model = await BuildTeamAsync(roundId, teamId, form, cancellationToken);
        return model is null ? NotFound() : View(nameof(Team), model);
    }

    private async Task<TeamResultViewModel?> BuildTeamAsync(int roundId, int teamId, FeedbackForm? form, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!await results.CanViewTeamAsync(actor.PersonId, actor.IsManager, roundId, teamId, cancellationToken))
        {
            return null;
        }

        var computed = await results.ComputeAsync(roundId, cancellationToken);
        var team = computed?.Team(teamId);
        if (computed is null || team is null)
        {
            return null;
        }

        var viewer = new ActionViewer(actor.PersonId, actor.IsManager);
        return new TeamResultViewModel
        {
            Results = computed,
            Team = team,
            Rulings = await results.RulingsAsync(roundId, cancellationToken),
            Feedback = await feedback.ListAsync(roundId, teamId, cancellationToken),
            CanWriteFeedback = await feedback.CanWriteAsync(actor.PersonId, actor.IsManager, roundId, teamId, cancellationToken),
            CanRaiseActions = actor.PersonId is not null && await actions.CanRaiseAsync(viewer, roundId, teamId, cancellationToken),
            ShowRanking = actor.IsManager,
            Form = form ?? new FeedbackForm { RoundId = roundId, TeamId = teamId },
        };
    }
}
