using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Testing.Builders;

/// <summary>An open round of the default plan with one team and one inspector, and the inspection it created.</summary>
public sealed class InspectionBuilder
{
    public static readonly DateTime Now = new(2026, 10, 5, 2, 0, 0, DateTimeKind.Utc);

    public InspectionBuilder()
    {
        Plan = DefaultPlan.CreateVersion(Now.AddYears(-1)).WithId(1);
        Team = new Team(1, "客服一组").WithId(10);
        Team.SetLead(20);
        Team.AddMember(21);
        Inspector = new Person("检查员甲", "a@test.local").WithId(30);
        Inspector.MakeInspector(InspectorType.OperationsLead, 8);
        Round = new Round("2026年9月服务考评", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), Plan.Id,
            Now.AddDays(-1), Now.AddDays(7), AggregationMethod.Mean).WithId(100);
        Round.AddTeam(Team.Id);
        Round.Assign(Team, Inspector);
    }

    public PlanVersion Plan { get; }

    public Team Team { get; }

    public Person Inspector { get; }

    public Round Round { get; }

    public Inspection Open() => Round.Open(Plan, Now).Single();

    public Inspection Submitted(IReadOnlyDictionary<string, Core.Scoring.IndicatorInput>? inputs = null)
    {
        var inspection = Open();
        inspection.SaveDraft(inputs ?? InputsBuilder.WorkedExample().Build(), 600, Now);
        inspection.Submit(Plan, Round, Now.AddMinutes(20));
        return inspection;
    }
}
