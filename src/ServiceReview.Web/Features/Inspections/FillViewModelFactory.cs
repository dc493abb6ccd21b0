
namespace ServiceReview.Web.Features.Inspections;

public static class FillViewModelFactory
{
    /// <summary>The form for <paramref name="record"/>: with what was posted when given (nothing typed is lost), else what is saved.</summary>
    public static FillViewModel Create(InspectionRecord record, Guid stamp, FillForm? posted)
    {
        var items = record.Plan.IndicatorsInOrder().ToDictionary(
            i => i.Code,
            i => record.Inputs.TryGetValue(i.Code, out var input) ? ItemForm.From(i.Code, input) : new ItemForm { Code = i.Code },
            StringComparer.Ordinal);
        if (posted is not null)
        {
            foreach (var item in posted.Items.Where(i => items.ContainsKey(i.Code)))
            {
                items[item.Code] = item;
            }
        }

        return new FillViewModel
        {
            Id = record.Inspection.Id,
            PlanVersionId = record.Plan.Id,
            GradeBounds = record.Plan.GradeBounds,
            Stamp = stamp,
            RoundName = record.Round.Name,
            ProjectName = record.ProjectName,
            TeamName = record.TeamName,
            PeriodStart = record.Round.PeriodStart,
            PeriodEnd = record.Round.PeriodEnd,
            DueUtc = record.Round.WindowClosesAt,
            WindowOpen = record.WindowOpen,
            TimeSpentSeconds = record.Inspection.TimeSpentSeconds,
            Status = record.Inspection.Status,
            Categories = record.Plan.CategoriesInOrder().ToList(),
            Entries = record.Inspection.Entries.ToDictionary(e => e.IndicatorCode, StringComparer.Ordinal),
            Items = items,
        };
    }
}
