using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Attachments;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.HasOne<Inspection>().WithMany().HasForeignKey(a => a.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Dispute>().WithMany().HasForeignKey(a => a.DisputeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Comment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CorrectiveAction>().WithMany().HasForeignKey(a => a.CorrectiveActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.IndicatorCode).HasMaxLength(20);
        builder.Property(a => a.FileName).HasMaxLength(Attachment.NameMaxLength).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(a => a.StorageKey).HasMaxLength(Attachment.KeyMaxLength).IsRequired();
        builder.Property(a => a.ThumbnailKey).HasMaxLength(Attachment.KeyMaxLength);
        builder.Ignore(a => a.IsImage);
        builder.HasIndex(a => a.InspectionId);
        builder.HasIndex(a => a.CorrectiveActionId);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("Comments");
        builder.HasOne<Inspection>().WithMany().HasForeignKey(c => c.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.IndicatorCode).HasMaxLength(20);
        builder.Property(c => c.Text).HasMaxLength(Comment.TextMaxLength).IsRequired();
        builder.HasIndex(c => new { c.InspectionId, c.CreatedAt });
    }
}

internal sealed class StoredBlobConfiguration : IEntityTypeConfiguration<StoredBlob>
{
    public void Configure(EntityTypeBuilder<StoredBlob> builder)
    {
        builder.ToTable("StoredBlobs");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(Attachment.KeyMaxLength).ValueGeneratedNever();
        builder.Property(b => b.Content).IsRequired();
    }
}
