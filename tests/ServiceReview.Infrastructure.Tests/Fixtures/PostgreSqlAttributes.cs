namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>
/// A fact that needs a real PostgreSQL (put its class in <c>[Collection(PostgreSqlCollection.Name)]</c>). Skipped when
/// PostgreSQL is not installed, unless <c>CI=true</c>: in CI a missing server is a failure, never a silent skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        var reason = PostgreSqlEnvironment.SkipReason;
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory counterpart of <see cref="PostgreSqlFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    public PostgreSqlTheoryAttribute()
    {
        var reason = PostgreSqlEnvironment.SkipReason;
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}
