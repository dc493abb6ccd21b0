using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// The web tests run SQLite with an execution strategy that, like SQL Server's and Npgsql's retrying ones, declares that
/// it retries (ADR 0028). EF then refuses any transaction begun outside <c>CreateExecutionStrategy().ExecuteAsync</c>
/// with an <see cref="InvalidOperationException"/>, so every test that reaches an explicit transaction also checks that
/// it runs inside the strategy. It never actually retries: nothing else changes for the tests.
/// </summary>
public sealed partial class ServiceReviewWebFactory
{
    private static void RetryLikeServerProviders(IServiceCollection services) =>
        services.ConfigureDbContext<SqliteServiceReviewDbContext>(o =>
            o.UseSqlite(sqlite => sqlite.ExecutionStrategy(d => new DeclaredRetryingStrategy(d))));
}

/// <summary>Says it retries (<see cref="ExecutionStrategy.RetriesOnFailure"/> is true), and retries no exception.</summary>
public sealed class DeclaredRetryingStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 1, maxRetryDelay: TimeSpan.Zero)
{
    protected override bool ShouldRetryOn(Exception exception) => false;
}
