using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Conversation;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Records;

/// <summary>
/// The record of one inspection (检查记录, issue #14): one page for everyone who may see it (<see cref="RecordAccess"/>);
/// anyone else gets 404, as if it did not exist.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RecordsController(ServiceReviewDbContext db, PlanVersionCache plans, ConversationQueries conversations, ICurrentActor currentActor, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/inspections/{id:int}")]
    public async Task<IActionResult> Record(int id, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        var facts = await db.RecordFactsAsync(id, cancellationToken);
        if (facts is null || !actor.MaySee(facts))
        {
            return NotFound();
        }

        var record = await RecordQueries.LoadAsync(db, plans, id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        var conversation = await conversations.LoadAsync(actor, id, cancellationToken);
        if (!conversation.IsOk)
        {
            return NotFound();
        }

        var own = actor.PersonId is { } person && person == facts.InspectorId;
        var leads = actor.Leads(facts.TeamId);
        return View(new RecordPageViewModel
        {
            Record = record,
            CanContinue = own && record.IsEditable,
            CanReview = leads && facts.Status == InspectionStatus.Submitted,
            DisputeToRule = actor.IsManager ? record.Disputes.FirstOrDefault(d => d.Status == DisputeStatus.Open)?.DisputeId : null,
            Breadcrumb = Breadcrumb(record, own, leads),
            Conversation = conversation.Value,
        });
    }

    private List<Crumb> Breadcrumb(RecordView record, bool own, bool leads)
    {
        var sheet = record.Sheet;
        var here = new Crumb(sheet.TeamName + " · " + sheet.RoundName);
        if (own)
        {
            return [new(localizer["Inspections.Index.Title"], "/Inspections"), here];
        }

        if (leads)
        {
            return [new(localizer["Reviews.Title"], "/Reviews"), here];
        }

        return
        [
            new(localizer["Results.Title"], "/Results"),
            new(sheet.RoundName + " · " + sheet.TeamName, string.Create(CultureInfo.InvariantCulture, $"/Results/Team/{sheet.RoundId}/{sheet.TeamId}")),
            new(localizer["Record.Breadcrumb", sheet.InspectorName]),
        ];
    }
}
