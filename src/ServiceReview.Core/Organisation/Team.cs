using ServiceReview.Core.Common;

namespace ServiceReview.Core.Organisation;

/// <summary>A project customer-service team (项目客户服务组): the unit that is inspected.</summary>
public sealed class Team : Entity, IConcurrencyStamped
{
    private readonly List<TeamMember> _members = [];

    private Team()
    {
    }

    public Team(int projectId, string name)
    {
        ProjectId = projectId;
        Rename(name);
    }

    public int ProjectId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The team lead (服务组负责人), who reviews and confirms the team's inspections.</summary>
    public int? LeadId { get; private set; }

    public IReadOnlyList<TeamMember> Members => _members;

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Team.NameRequired", "A team needs a name.");
        }

        Name = name.Trim();
    }

    public void SetLead(int? personId) => LeadId = personId;

    public void AddMember(int personId)
    {
        if (_members.All(m => m.PersonId != personId))
        {
            _members.Add(new TeamMember(personId));
        }
    }

    public void RemoveMember(int personId) => _members.RemoveAll(m => m.PersonId == personId);

    /// <summary>True when the person leads or belongs to this team: such a person may not inspect it.</summary>
    public bool Involves(int personId) => LeadId == personId || _members.Any(m => m.PersonId == personId);
}

public sealed class TeamMember
{
    private TeamMember()
    {
    }

    public TeamMember(int personId) => PersonId = personId;

    public int Id { get; private set; }

    public int PersonId { get; private set; }
}
