namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// Trait for tests that need the Identity tables (the EF migrations) or the demo data (SeedDemoDataAsync).
/// <c>dotnet test --filter "Needs!=Migrations"</c> runs the others on a branch where those have not landed yet.
/// </summary>
public static class Needs
{
    public const string Trait = "Needs";
    public const string Migrations = "Migrations";
}
