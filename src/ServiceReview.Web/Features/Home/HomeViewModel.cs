
namespace ServiceReview.Web.Features.Home;

public sealed class HomeViewModel
{
    public required string DisplayName { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateOnly Today { get; init; }

    public bool IsInspector { get; init; }

    public bool IsLead { get; init; }

    public bool IsManager { get; init; }

    public HomeDashboard Dashboard { get; init; } = new();

    /// <summary>The grades' names in the user's language, for the plan versions of the listed inspections.</summary>
    public required Plans.GradeNames GradeNames { get; init; }
}
