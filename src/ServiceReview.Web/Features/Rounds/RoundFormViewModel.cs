using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Features.Rounds;

/// <summary>
/// The create/edit form of a draft round. Window times are wall-clock times in the organisation's zone
/// (Organisation:TimeZone, default Asia/Shanghai), as typed; <see cref="ToInput"/> turns them into UTC.
/// </summary>
public sealed class RoundFormViewModel : IValidatableObject
{
    /// <summary>The command of the "suggest inspectors" button: fill the form, save nothing.</summary>
    public const string SuggestCommand = "suggest";

    public int? Id { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Rounds.Form.NameTooLong")]
    [Display(Name = "Rounds.Form.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Rounds.Form.PeriodStart")]
    public DateOnly? PeriodStart { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Rounds.Form.PeriodEnd")]
    public DateOnly? PeriodEnd { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Rounds.Form.Plan")]
    public int? PlanVersionId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Rounds.Form.WindowOpensAt")]
    public DateTime? WindowOpensAt { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Rounds.Form.WindowClosesAt")]
    public DateTime? WindowClosesAt { get; set; }

    [Display(Name = "Rounds.Form.Aggregation")]
    public AggregationMethod Aggregation { get; set; } = AggregationMethod.TrimmedMean;

    public List<TeamChoice> Teams { get; set; } = [];

    public string? Command { get; set; }

    [BindNever]
    [ValidateNever]
    public RoundFormOptions Options { get; set; } = new([], []);

    public bool IsEdit => Id is not null;

    public static string TeamErrorKey(int teamId) => $"Team-{teamId}";

    public static RoundFormViewModel From(RoundDraftInput input, OrganisationClock clock, int? id = null, Guid stamp = default) => new()
    {
        Id = id,
        ConcurrencyStamp = stamp,
        Name = input.Name,
        PeriodStart = input.PeriodStart,
        PeriodEnd = input.PeriodEnd,
        PlanVersionId = input.PlanVersionId,
        WindowOpensAt = clock.ToLocal(input.WindowOpensAtUtc),
        WindowClosesAt = clock.ToLocal(input.WindowClosesAtUtc),
        Aggregation = input.Aggregation,
        Teams = input.Teams.Select(t => new TeamChoice { TeamId = t.TeamId, Selected = true, InspectorIds = [.. t.InspectorIds] }).ToList(),
    };

    /// <summary>The chosen teams with their inspectors (inspectors ticked under an unchosen team are dropped).</summary>
    public IReadOnlyList<TeamAssignmentInput> ChosenTeams() =>
        Teams.Where(t => t.Selected).Select(t => new TeamAssignmentInput(t.TeamId, t.InspectorIds.Distinct().ToList())).ToList();

    /// <summary>Call only when the model is valid (every required value is there).</summary>
    public RoundDraftInput ToInput(OrganisationClock clock) => new(
        Name!,
        PeriodStart!.Value,
        PeriodEnd!.Value,
        PlanVersionId!.Value,
        clock.ToUtc(WindowOpensAt!.Value),
        clock.ToUtc(WindowClosesAt!.Value),
        Aggregation,
        ChosenTeams());

    /// <summary>Puts suggested inspectors into the teams that had none.</summary>
    public void ApplySuggestions(IReadOnlyList<TeamAssignmentInput> suggested)
    {
        foreach (var team in Teams.Where(t => t.Selected))
        {
            var filled = suggested.FirstOrDefault(s => s.TeamId == team.TeamId);
            if (filled is not null)
            {
                team.InspectorIds = [.. filled.InspectorIds];
            }
        }
    }

    /// <summary>
    /// What the form can say in the user's words before the round's own rules run (they check the same again):
    /// dates in order, at least one team, an inspector for every chosen team (the message goes next to the team).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var l = validationContext.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (PeriodStart is { } start && PeriodEnd is { } end && end < start)
        {
            yield return new ValidationResult(l["Rounds.Form.PeriodEndsBeforeStart"], [nameof(PeriodEnd)]);
        }

        if (WindowOpensAt is { } opens && WindowClosesAt is { } closes && closes <= opens)
        {
            yield return new ValidationResult(l["Rounds.Form.WindowClosesBeforeOpen"], [nameof(WindowClosesAt)]);
        }

        if (!Teams.Any(t => t.Selected))
        {
            yield return new ValidationResult(l["Rounds.Form.NoTeams"]);
        }

        foreach (var team in Teams.Where(t => t.Selected && t.InspectorIds.Count == 0))
        {
            yield return new ValidationResult(l["Rounds.Form.TeamNeedsInspector"], [TeamErrorKey(team.TeamId)]);
        }
    }

    public TeamChoice ChoiceFor(int teamId) => Teams.FirstOrDefault(t => t.TeamId == teamId) ?? new TeamChoice { TeamId = teamId };
}

public sealed class TeamChoice
{
    public int TeamId { get; set; }

    public bool Selected { get; set; }

    public List<int> InspectorIds { get; set; } = [];
}
