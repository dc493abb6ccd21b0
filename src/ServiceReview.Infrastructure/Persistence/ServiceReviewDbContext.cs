using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Common;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// The one DbContext of the product (domain + Identity). Each database provider has a thin subclass
/// (<see cref="SqliteServiceReviewDbContext"/>, ...) so that it can keep a migration set of its own.
/// </summary>
public class ServiceReviewDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    protected ServiceReviewDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<EvaluationPlan> Plans => Set<EvaluationPlan>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<Round> Rounds => Set<Round>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<Dispute> Disputes => Set<Dispute>();

    public DbSet<FeedbackNote> FeedbackNotes => Set<FeedbackNote>();

    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();

    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<CalibrationExercise> CalibrationExercises => Set<CalibrationExercise>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();

    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportJobFile> ImportJobFiles => Set<ImportJobFile>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<StoredBlob> StoredBlobs => Set<StoredBlob>();

    /// <summary>The ASP.NET Core Data Protection key ring, shared by every instance of the app (ADR 0028).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Each team's stored result per round (ADR 0027).</summary>
    public DbSet<StoredTeamResult> StoredTeamResults => Set<StoredTeamResult>();

    /// <summary>Each round's stored round-wide figures (ADR 0027).</summary>
    public DbSet<StoredRoundResult> StoredRoundResults => Set<StoredRoundResult>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareForSave();
        for (var attempt = 1; ; attempt++)
        {
            var newEntries = NewAuditEntries();
            if (newEntries.Count > 0)
            {
                AuditChainLinker.Link(newEntries, AuditChainLinker.ReadTip(this));
            }

            try
            {
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateException ex) when (newEntries.Count > 0 && attempt < AuditChainLinker.MaxAttempts && AuditChainLinker.IsChainRace(ex))
            {
                // Another instance appended to the audit chain between our read of its end and our insert.
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareForSave();
        for (var attempt = 1; ; attempt++)
        {
            var newEntries = NewAuditEntries();
            if (newEntries.Count > 0)
            {
                AuditChainLinker.Link(newEntries, await AuditChainLinker.ReadTipAsync(this, cancellationToken));
            }

            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException ex) when (newEntries.Count > 0 && attempt < AuditChainLinker.MaxAttempts && AuditChainLinker.IsChainRace(ex))
            {
                // Another instance appended to the audit chain between our read of its end and our insert: the unique
                // sequence refused ours, nothing was written; read the new end and try again.
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), cancellationToken);
            }
        }
    }

    private List<AuditEntry> NewAuditEntries() =>
        [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Scores and points are exact decimals on every provider; instants are UTC everywhere.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceReviewDbContext).Assembly);
        ModelConventions.StoreEnumsAsText(builder);
        ModelConventions.UseConcurrencyStamps(builder);
    }

    /// <summary>
    /// Renews the concurrency stamp of every stamped entity that changed, or whose children changed (an inspection
    /// whose entries were edited), so that a second writer holding the old stamp gets a conflict. Refuses any
    /// update or delete of the audit log.
    /// </summary>
    private void PrepareForSave()
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();

        foreach (var entry in changed)
        {
            if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }
        }

        var stamped = ChangeTracker.Entries()
            .Where(e => e.Entity is IConcurrencyStamped)
            .ToList();
        var toRenew = new HashSet<EntityEntry>(changed.Where(e => e.Entity is IConcurrencyStamped && e.State == EntityState.Modified));
        foreach (var child in changed.Where(e => e.Entity is not IConcurrencyStamped))
        {
            foreach (var parent in PrincipalsOf(child, stamped))
            {
                if (parent.State is EntityState.Unchanged or EntityState.Modified)
                {
                    toRenew.Add(parent);
                }
            }
        }

        foreach (var entry in toRenew)
        {
            ((IConcurrencyStamped)entry.Entity).ConcurrencyStamp = Guid.NewGuid();
        }
    }

    private static IEnumerable<EntityEntry> PrincipalsOf(EntityEntry child, List<EntityEntry> stamped)
    {
        foreach (var fk in child.Metadata.GetForeignKeys())
        {
            if (!typeof(IConcurrencyStamped).IsAssignableFrom(fk.PrincipalEntityType.ClrType) || fk.Properties.Count != 1)
            {
                continue;
            }

            var property = child.Property(fk.Properties[0].Name);
            var key = child.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
            foreach (var candidate in stamped)
            {
                if (candidate.Metadata == fk.PrincipalEntityType && Equals(candidate.Property(fk.PrincipalKey.Properties[0].Name).CurrentValue, key))
                {
                    yield return candidate;
                }
            }
        }
    }

    private sealed class UtcDateTimeConverter()
        : ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
