using ServiceReview.Core.Common;

namespace ServiceReview.Core.Organisation;

/// <summary>
/// Someone the product knows: an inspector, a team lead or member, a manager. <see cref="UserId"/> links the
/// sign-in account when the person has one (team members without an account are still people).
/// </summary>
public sealed class Person : Entity, IConcurrencyStamped
{
    private readonly List<InspectorProject> _inspectableProjects = [];

    private Person()
    {
    }

    public Person(string displayName, string email, string? userId = null)
    {
        Rename(displayName, email);
        UserId = userId;
        IsActive = true;
    }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string? UserId { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Whether notifications are also sent to <see cref="Email"/> (when the server has e-mail configured); on by default.</summary>
    public bool ReceivesEmail { get; private set; } = true;

    /// <summary>Whether the person asked for the weekly digest e-mail (managers and leads; off by default).</summary>
    public bool WeeklyDigest { get; private set; }

    /// <summary>The language the digest is written in ("zh-CN" or "en"): the page's language when it was asked for.</summary>
    public string? DigestCulture { get; private set; }

    /// <summary>Set for people who may inspect (检查员), null otherwise.</summary>
    public InspectorProfile? InspectorProfile { get; private set; }

    /// <summary>
    /// The projects this inspector may inspect, part of the inspector profile; empty means any project. Kept on the
    /// person (not inside the <see cref="Organisation.InspectorProfile"/> value) so that the profile stays a value
    /// that is replaced as a whole; <see cref="StopInspecting"/> clears it.
    /// </summary>
    public IReadOnlyList<InspectorProject> InspectableProjects => _inspectableProjects;

    public IReadOnlyList<int> InspectableProjectIds => _inspectableProjects.Select(p => p.ProjectId).ToList();

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Changes the name and e-mail address; the name may not be blank.</summary>
    public void Rename(string displayName, string email)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new DomainException("Person.NameRequired", "A person needs a name.");
        }

        DisplayName = displayName.Trim();
        Email = email?.Trim() ?? "";
    }

    public void LinkAccount(string userId) => UserId = userId;

    public void MakeInspector(InspectorType type, int yearsOfExperience) =>
        InspectorProfile = new InspectorProfile(type, yearsOfExperience);

    public void StopInspecting()
    {
        InspectorProfile = null;
        _inspectableProjects.Clear();
    }

    /// <summary>
    /// Limits the projects this inspector may inspect (empty: any project). Only an inspector has such a limit.
    /// </summary>
    public void LimitInspectionTo(IEnumerable<int> projectIds)
    {
        var wanted = projectIds.Distinct().ToHashSet();
        if (wanted.Count > 0 && InspectorProfile is null)
        {
            throw new DomainException("Person.NotAnInspector", "{0} is not an inspector, so no projects can be set for them to inspect.", DisplayName);
        }

        _inspectableProjects.RemoveAll(p => !wanted.Contains(p.ProjectId));
        foreach (var id in wanted.Where(id => _inspectableProjects.All(p => p.ProjectId != id)))
        {
            _inspectableProjects.Add(new InspectorProject(id));
        }
    }

    /// <summary>True when this person is an inspector whose profile allows the project (an empty list allows any).</summary>
    public bool MayInspectProject(int projectId) =>
        InspectorProfile is not null && (_inspectableProjects.Count == 0 || _inspectableProjects.Any(p => p.ProjectId == projectId));

    /// <summary>The person's own choice: receive notifications by e-mail, or only in the app.</summary>
    public void ChooseEmail(bool receive) => ReceivesEmail = receive;

    /// <summary>Asks for the weekly digest, in <paramref name="culture"/>, or stops it.</summary>
    public void ChooseWeeklyDigest(bool receive, string? culture)
    {
        WeeklyDigest = receive;
        DigestCulture = culture is { Length: > 0 and <= 10 } ? culture : null;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

/// <summary>The three kinds of inspector the source document names (2.2 组织检查员).</summary>
public enum InspectorType
{
    /// <summary>项目领导</summary>
    ProjectLeader,

    /// <summary>项目运营负责人</summary>
    OperationsLead,

    /// <summary>相关技术人员</summary>
    TechnicalStaff,
}

/// <summary>One project an inspector may inspect (a row of the inspector's project list).</summary>
public sealed class InspectorProject
{
    private InspectorProject()
    {
    }

    public InspectorProject(int projectId) => ProjectId = projectId;

    public int ProjectId { get; private set; }
}

public sealed record InspectorProfile
{
    private InspectorProfile()
    {
    }

    public InspectorProfile(InspectorType type, int yearsOfExperience)
    {
        if (yearsOfExperience is < 0 or > 70)
        {
            throw new DomainException("Person.ExperienceOutOfRange", "Years of experience must be between 0 and 70.", yearsOfExperience);
        }

        Type = type;
        YearsOfExperience = yearsOfExperience;
    }

    public InspectorType Type { get; private set; }

    public int YearsOfExperience { get; private set; }
}
