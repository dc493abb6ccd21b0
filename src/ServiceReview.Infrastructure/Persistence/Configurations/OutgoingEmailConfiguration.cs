using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Notifications;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.ToTable("OutgoingEmails");
        builder.Property(e => e.ToAddress).HasMaxLength(OutgoingEmail.AddressMaxLength).IsRequired();
        builder.Property(e => e.ToName).HasMaxLength(OutgoingEmail.NameMaxLength).IsRequired();
        builder.Property(e => e.Purpose).HasMaxLength(OutgoingEmail.PurposeMaxLength).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(OutgoingEmail.SubjectMaxLength).IsRequired();
        builder.Property(e => e.TextBody).IsRequired();
        builder.Property(e => e.HtmlBody).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(OutgoingEmail.ErrorMaxLength);

        // A dispatcher saves "sent" or "failed" only while it still holds the claim it sent under.
        builder.Property(e => e.ClaimedBy).HasMaxLength(OutgoingEmail.ClaimMaxLength).IsConcurrencyToken();

        // What the dispatcher looks for (pending and due), and what the admin page counts.
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
    }
}
