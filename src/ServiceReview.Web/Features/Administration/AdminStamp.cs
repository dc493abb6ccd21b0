using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration;

/// <summary>The stamp check of the administration forms.</summary>
internal static class AdminStamp
{
    /// <summary>
    /// Expects the stamp the form was built from and renews it, so that the save checks it even when only related rows
    /// (an account's roles) or nothing at all changed on the record itself.
    /// </summary>
    public static void Expect<T>(ServiceReviewDbContext db, T entity, Guid stampFromForm)
        where T : class, IConcurrencyStamped
    {
        db.ExpectStamp(entity, stampFromForm);
        entity.ConcurrencyStamp = Guid.NewGuid();
    }
}
