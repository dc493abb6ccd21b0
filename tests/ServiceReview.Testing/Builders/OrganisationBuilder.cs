using ServiceReview.Core.Organisation;

namespace ServiceReview.Testing.Builders;

/// <summary>
/// People, projects and teams for tests, with the id the database would give them when one is passed (unsaved
/// entities otherwise): <c>OrganisationBuilder.Inspector(31)</c>, <c>OrganisationBuilder.NewTeam(1, id: 10, lead: 20)</c>.
/// Names and e-mails are made up from the id; a test that cares about a name sets it itself.
/// </summary>
public static class OrganisationBuilder
{
    /// <summary>A person with an inspector profile.</summary>
    public static Person Inspector(int id, InspectorType type = InspectorType.OperationsLead, int years = 8)
    {
        var person = Someone(id);
        person.MakeInspector(type, years);
        return person;
    }

    /// <summary>A person without an inspector profile and without an account.</summary>
    public static Person Someone(int id) => new Person($"人员{id}", $"person{id}@test.local").WithId(id);

    /// <summary>A project (id 0: unsaved) with a customer.</summary>
    public static Project NewProject(int id = 0, string name = "测试项目", string customer = "测试客户")
    {
        var project = new Project(name, customer);
        return id == 0 ? project : project.WithId(id);
    }

    /// <summary>A team of <paramref name="projectId"/> (id 0: unsaved), with a lead and members when given.</summary>
    public static Team NewTeam(int projectId, int id = 0, string name = "客服一组", int? lead = null, params int[] members)
    {
        var team = new Team(projectId, name);
        if (lead is int leadId)
        {
            team.SetLead(leadId);
        }

        foreach (var member in members)
        {
            team.AddMember(member);
        }

        return id == 0 ? team : team.WithId(id);
    }
}
