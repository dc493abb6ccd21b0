using ServiceReview.Core.Common;

namespace ServiceReview.Core.Plans;

/// <summary>A plan version was refused (code <c>Plan.Invalid</c>); <see cref="Problems"/> says why, one by one.</summary>
public sealed class PlanValidationException : DomainException
{
    public PlanValidationException(IReadOnlyList<PlanProblem> problems)
        : base(
            "Plan.Invalid",
            "The plan version is not valid: " + string.Join("; ", problems.Select(p => p.Message)),
            string.Join("; ", problems.Select(p => p.Message)))
    {
        Problems = problems;
    }

    public IReadOnlyList<PlanProblem> Problems { get; }
}
