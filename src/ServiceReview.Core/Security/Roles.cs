namespace ServiceReview.Core.Security;

/// <summary>The four roles of the product. Names are stable: they are stored and used in policies.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string TeamLead = "TeamLead";
    public const string Inspector = "Inspector";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, TeamLead, Inspector];
}
