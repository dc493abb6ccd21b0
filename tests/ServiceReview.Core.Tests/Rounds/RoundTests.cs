using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Rounds;

public sealed class RoundTests
{
    private static readonly DateTime Now = InspectionBuilder.Now;

    [Fact]
    public void Opening_creates_one_inspection_per_team_and_inspector()
    {
        var given = new InspectionBuilder();
        var second = OrganisationBuilder.Inspector(31, InspectorType.ProjectLeader, 15);
        var round = new Round("批次", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), given.Plan.Id, Now, Now.AddDays(7), AggregationMethod.TrimmedMean).WithId(5);
        round.AddTeam(given.Team.Id);
        round.Assign(given.Team, given.Inspector);
        round.Assign(given.Team, second);
        round.Assign(given.Team, second);

        var inspections = round.Open(given.Plan, Now);

        Assert.Equal([30, 31], inspections.Select(i => i.InspectorId).Order());
        Assert.All(inspections, i => Assert.Equal((5, 10), (i.RoundId, i.TeamId)));
        Assert.Equal(RoundStatus.Open, round.Status);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(21)]
    public void An_inspector_who_leads_or_belongs_to_the_team_is_refused_with_the_reason(int personId)
    {
        var given = new InspectionBuilder();
        var insider = OrganisationBuilder.Inspector(personId, InspectorType.TechnicalStaff, 3);

        var error = Assert.Throws<DomainException>(() => given.Round.Assign(given.Team, insider));

        Assert.Equal("Round.ConflictOfInterest", error.Code);
    }

    [Fact]
    public void A_person_without_an_inspector_profile_cannot_be_assigned()
    {
        var given = new InspectionBuilder();
        var someone = OrganisationBuilder.Someone(50);

        Assert.Equal("Round.NotAnInspector", Assert.Throws<DomainException>(() => given.Round.Assign(given.Team, someone)).Code);
    }

    [Fact]
    public void A_team_without_inspectors_stops_the_round_from_opening()
    {
        var given = new InspectionBuilder();
        given.Round.AddTeam(11);

        Assert.Equal("Round.TeamWithoutInspector", Assert.Throws<DomainException>(() => given.Round.Open(given.Plan, Now)).Code);
        Assert.Equal(RoundStatus.Draft, given.Round.Status);
    }

    [Fact]
    public void An_open_round_keeps_its_teams_and_inspectors_fixed()
    {
        var given = new InspectionBuilder();
        given.Open();

        Assert.Equal("Round.NotDraft", Assert.Throws<DomainException>(() => given.Round.AddTeam(12)).Code);
        Assert.Equal("Round.NotDraft", Assert.Throws<DomainException>(() => given.Round.Open(given.Plan, Now)).Code);
    }

    [Fact]
    public void A_round_can_only_use_a_published_plan_version()
    {
        var draft = new PlanVersion("草稿", 2).WithId(2);
        var round = new Round("批次", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), draft.Id, Now, Now.AddDays(7), AggregationMethod.Mean).WithId(6);

        Assert.Equal("Round.PlanNotPublished", Assert.Throws<DomainException>(() => round.Open(draft, Now)).Code);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-09-01", 1, "Round.PeriodEndsBeforeStart")]
    [InlineData("2026-09-01", "2026-09-30", -1, "Round.WindowClosesBeforeOpen")]
    public void A_round_refuses_a_period_or_window_that_ends_before_it_starts(string start, string end, int windowDays, string code)
    {
        var error = Assert.Throws<DomainException>(() =>
            new Round("批次", DateOnly.Parse(start), DateOnly.Parse(end), 1, Now, Now.AddDays(windowDays), AggregationMethod.Mean));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void The_window_is_open_only_between_its_bounds_while_the_round_is_open()
    {
        var given = new InspectionBuilder();
        Assert.False(given.Round.IsWindowOpen(Now));
        given.Open();

        Assert.True(given.Round.IsWindowOpen(Now));
        Assert.False(given.Round.IsWindowOpen(Now.AddDays(8)));
        given.Round.Close(Now.AddDays(8));
        Assert.False(given.Round.IsWindowOpen(Now));
    }

    [Fact]
    public void A_draft_can_be_updated_with_the_same_rules_as_a_new_round()
    {
        var given = new InspectionBuilder();

        given.Round.Update(" 2026年10月服务考评 ", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 1, Now, Now.AddDays(3), AggregationMethod.TrimmedMean);

        Assert.Equal("2026年10月服务考评", given.Round.Name);
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (given.Round.PeriodStart, given.Round.PeriodEnd));
        Assert.Equal(AggregationMethod.TrimmedMean, given.Round.Aggregation);
        Assert.Equal("Round.WindowClosesBeforeOpen", Assert.Throws<DomainException>(() =>
            given.Round.Update("x", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 1, Now, Now, AggregationMethod.Mean)).Code);
        Assert.Equal("Round.NameRequired", Assert.Throws<DomainException>(() =>
            given.Round.Update(" ", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 1, Now, Now.AddDays(1), AggregationMethod.Mean)).Code);
    }

    [Fact]
    public void An_open_round_can_no_longer_be_updated_or_deleted()
    {
        var given = new InspectionBuilder();
        Assert.True(given.Round.CanBeDeleted);
        given.Open();

        Assert.False(given.Round.CanBeDeleted);
        Assert.Equal("Round.NotDraft", Assert.Throws<DomainException>(() => given.Round.EnsureCanBeDeleted()).Code);
        Assert.Equal("Round.NotDraft", Assert.Throws<DomainException>(() =>
            given.Round.Update("x", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 1, Now, Now.AddDays(1), AggregationMethod.Mean)).Code);
        Assert.Equal("Round.NotDraft", Assert.Throws<DomainException>(() => given.Round.ChangeTeams([10, 11])).Code);
    }

    [Fact]
    public void Changing_the_teams_drops_the_assignments_of_teams_that_leave_and_keeps_the_others()
    {
        var given = new InspectionBuilder();
        given.Round.AddTeam(11);

        given.Round.ChangeTeams([11, 12]);

        Assert.Equal([11, 12], given.Round.Teams.Select(t => t.TeamId).Order());
        Assert.Empty(given.Round.Assignments);

        given.Round.ChangeTeams([12, given.Team.Id]);
        given.Round.Assign(given.Team, given.Inspector);
        given.Round.ChangeTeams([12, given.Team.Id]);
        Assert.Single(given.Round.Assignments);
    }

    [Fact]
    public void An_unstarted_inspection_is_reassigned_and_the_round_assignment_follows()
    {
        var given = new InspectionBuilder();
        var inspection = given.Open();
        var other = OrganisationBuilder.Inspector(32, InspectorType.TechnicalStaff, 4);

        given.Round.Reassign(inspection, given.Team, other);

        Assert.Equal(32, inspection.InspectorId);
        Assert.Equal(32, Assert.Single(given.Round.Assignments).InspectorId);
    }

    [Fact]
    public void Reassigning_refuses_a_conflict_of_interest_a_started_inspection_and_a_draft_round()
    {
        var given = new InspectionBuilder();
        var lead = OrganisationBuilder.Inspector(20, InspectorType.ProjectLeader, 10);
        var other = OrganisationBuilder.Inspector(32, InspectorType.TechnicalStaff, 4);
        var notYetOpen = new Inspection(given.Round.Id, given.Team.Id, given.Inspector.Id, given.Plan.Id, ["1.1"]);
        Assert.Equal("Round.NotOpen", Assert.Throws<DomainException>(() => given.Round.Reassign(notYetOpen, given.Team, other)).Code);

        var inspection = given.Open();
        Assert.Equal("Round.ConflictOfInterest", Assert.Throws<DomainException>(() => given.Round.Reassign(inspection, given.Team, lead)).Code);

        inspection.SaveDraft([], 60, Now);
        Assert.Equal("Inspection.AlreadyStarted", Assert.Throws<DomainException>(() => given.Round.Reassign(inspection, given.Team, other)).Code);
        Assert.Equal(given.Inspector.Id, inspection.InspectorId);
        Assert.Equal(given.Inspector.Id, Assert.Single(given.Round.Assignments).InspectorId);
    }

    [Fact]
    public void Reassigning_to_an_inspector_who_already_inspects_the_team_is_refused()
    {
        var given = new InspectionBuilder();
        var second = OrganisationBuilder.Inspector(31, InspectorType.ProjectLeader, 15);
        given.Round.Assign(given.Team, second);
        var inspections = given.Round.Open(given.Plan, Now);

        var first = inspections.Single(i => i.InspectorId == given.Inspector.Id);

        Assert.Equal("Round.AlreadyAssigned", Assert.Throws<DomainException>(() => given.Round.Reassign(first, given.Team, second)).Code);
    }
}
