using ServiceReview.Core.Audit;
using ServiceReview.Core.Security;

namespace ServiceReview.Core.Tests.Audit;

/// <summary>Role questions are asked of the one actor of a request (issue #16), not of the web's user principal.</summary>
public sealed class The_actor_answers_role_questions
{
    private static Actor With(params string[] roles) => new("u1", "someone", 7) { Roles = roles.ToHashSet(StringComparer.Ordinal) };

    [Fact]
    public void An_administrator_is_also_a_manager()
    {
        var admin = With(Roles.Admin);

        Assert.True(admin.IsAdmin);
        Assert.True(admin.IsManager);
        Assert.False(admin.IsInspector);
    }

    [Fact]
    public void A_manager_is_not_an_administrator()
    {
        var manager = With(Roles.Manager);

        Assert.True(manager.IsManager);
        Assert.False(manager.IsAdmin);
    }

    [Fact]
    public void A_lead_who_also_inspects_is_neither_manager_nor_administrator()
    {
        var lead = With(Roles.TeamLead, Roles.Inspector);

        Assert.True(lead.IsTeamLead);
        Assert.True(lead.IsInspector);
        Assert.False(lead.IsManager);
        Assert.False(lead.IsAdmin);
    }

    [Fact]
    public void The_system_has_no_role()
    {
        Assert.Empty(Actor.System.Roles);
        Assert.False(Actor.System.IsManager);
    }
}
