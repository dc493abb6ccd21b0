namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Two app instances on one database file, one after the other (a restart) or side by side.</summary>
public sealed partial class ServiceReviewWebFactory
{
    private bool _keepDatabase;

    private ServiceReviewWebFactory(string databasePath)
    {
        DatabasePath = databasePath;
    }

    /// <summary>A factory whose database file outlives it, so that <see cref="OnDatabaseOf"/> can start another app on it.</summary>
    public static ServiceReviewWebFactory KeepingDatabase(IReadOnlyDictionary<string, string?> settings) =>
        new() { _extraSettings = settings, _keepDatabase = true };

    /// <summary>A second app on the database file of <paramref name="first"/> (which keeps its demo data); this one deletes the file when disposed.</summary>
    public static ServiceReviewWebFactory OnDatabaseOf(ServiceReviewWebFactory first, IReadOnlyDictionary<string, string?> settings) =>
        new(first.DatabasePath) { _extraSettings = settings };
}
