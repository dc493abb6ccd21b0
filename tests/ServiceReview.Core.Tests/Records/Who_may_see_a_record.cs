using ServiceReview.Core.Audit;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Core.Security;

namespace ServiceReview.Core.Tests.Records;

/// <summary>One access rule for a record, its files and its conversation (issue #14, ADR 0026).</summary>
public sealed class Who_may_see_a_record
{
    private const int Inspector = 10;
    private const int Colleague = 11;
    private const int Lead = 20;
    private const int Team = 5;

    private static RecordFacts Record(InspectionStatus status) => new(1, Inspector, Team, 3, status);

    private static Actor Person(int personId, params string[] roles) =>
        new("u" + personId, "p" + personId, personId) { Roles = roles.ToHashSet(StringComparer.Ordinal) };

    private static Actor LeadOf(int teamId) => Person(Lead, Roles.TeamLead) with { LedTeamIds = new HashSet<int> { teamId } };

    [Theory]
    [InlineData(InspectionStatus.Assigned)]
    [InlineData(InspectionStatus.InProgress)]
    [InlineData(InspectionStatus.Submitted)]
    [InlineData(InspectionStatus.Disputed)]
    [InlineData(InspectionStatus.Confirmed)]
    public void The_inspector_sees_their_own_record_in_any_status_and_a_colleague_never(InspectionStatus status)
    {
        Assert.True(Person(Inspector, Roles.Inspector).MaySee(Record(status)));
        Assert.False(Person(Colleague, Roles.Inspector).MaySee(Record(status)));
    }

    [Theory]
    [InlineData(InspectionStatus.Assigned, false)]
    [InlineData(InspectionStatus.InProgress, false)]
    [InlineData(InspectionStatus.Submitted, true)]
    [InlineData(InspectionStatus.Disputed, true)]
    [InlineData(InspectionStatus.Confirmed, true)]
    public void The_teams_lead_sees_it_once_submitted_and_another_teams_lead_never(InspectionStatus status, bool sees)
    {
        Assert.Equal(sees, LeadOf(Team).MaySee(Record(status)));
        Assert.False(LeadOf(Team + 1).MaySee(Record(status)));
    }

    [Fact]
    public void Managers_and_administrators_see_every_record()
    {
        Assert.True(Person(30, Roles.Manager).MaySee(Record(InspectionStatus.InProgress)));
        Assert.True(Person(31, Roles.Admin).MaySee(Record(InspectionStatus.Confirmed)));
    }

    [Fact]
    public void Only_the_inspector_attaches_evidence_and_only_while_the_record_is_editable()
    {
        Assert.True(Person(Inspector, Roles.Inspector).MayAttachEvidence(Record(InspectionStatus.InProgress)));
        Assert.False(Person(Inspector, Roles.Inspector).MayAttachEvidence(Record(InspectionStatus.Submitted)));
        Assert.False(Person(30, Roles.Manager).MayAttachEvidence(Record(InspectionStatus.InProgress)));
    }

    [Fact]
    public void The_system_without_a_person_may_not_comment()
    {
        var system = Actor.System with { Roles = new HashSet<string>(StringComparer.Ordinal) { Roles.Admin } };

        Assert.True(system.MaySee(Record(InspectionStatus.Confirmed)));
        Assert.False(system.MayComment(Record(InspectionStatus.Confirmed)));
    }
}
