namespace ServiceReview.Core.Inspections;

/// <summary>A category's score in an inspection, as computed at submission (rounded to one decimal).</summary>
public sealed class InspectionCategoryScore
{
    private InspectionCategoryScore()
    {
    }

    internal InspectionCategoryScore(string categoryCode, decimal? score, bool excluded)
    {
        CategoryCode = categoryCode;
        Score = score;
        Excluded = excluded;
    }

    public int Id { get; private set; }

    public string CategoryCode { get; private set; } = "";

    public decimal? Score { get; private set; }

    public bool Excluded { get; private set; }
}
