namespace ServiceReview.Infrastructure.Persistence;

/// <summary>
/// A claim on rows that several instances may race for (the e-mail outbox, background imports): a token unique to one
/// run and the instant the claim lapses. A claimer takes rows with one conditional <c>UPDATE</c> (only rows nobody holds,
/// or whose lease lapsed, get its token), then works only on the rows that carry its token; outcomes are saved only
/// while the token is still there (the claim column is a concurrency token), so a lapsed claim never overwrites the
/// work of the instance that took the rows over.
/// </summary>
public readonly record struct Lease(string Token, DateTime Until)
{
    /// <summary>A new claim from <paramref name="utcNow"/> for <paramref name="length"/>.</summary>
    public static Lease Take(DateTime utcNow, TimeSpan length) => new(Guid.NewGuid().ToString("N"), utcNow + length);
}
