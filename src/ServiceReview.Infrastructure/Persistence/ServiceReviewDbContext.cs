using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// The one DbContext of the product (domain + Identity). Each database provider has a thin subclass
/// (<see cref="SqliteServiceReviewDbContext"/>, ...) so that it can keep a migration set of its own.
/// </summary>
public class ServiceReviewDbContext : IdentityDbContext<ApplicationUser>
{
    protected ServiceReviewDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceReviewDbContext).Assembly);
    }
}
