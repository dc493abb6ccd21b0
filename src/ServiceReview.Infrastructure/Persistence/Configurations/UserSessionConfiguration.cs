using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Infrastructure.Identity;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");

        // The id is the primary key: the per-request check is one lookup by key.
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength).ValueGeneratedNever();
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.RevokedReason).HasMaxLength(UserSession.ReasonMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);

        // Revoking all sessions of a person; pruning old rows.
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasIndex(s => s.LastSeenAt);
    }
}
