namespace ServiceReview.Core.Common;

/// <summary>How a use case ended (issue #16, ADR 0024): the web maps each to one answer in one place.</summary>
public enum OutcomeStatus
{
    /// <summary>Done; a page redirects with its status message, an API answers 200.</summary>
    Ok,

    /// <summary>No such record (404).</summary>
    NotFound,

    /// <summary>The record exists but is not the actor's to see or change (403); nothing changed.</summary>
    Forbidden,

    /// <summary>Someone else saved the record since the form was loaded: who and when (409, or the form with the message).</summary>
    Conflict,

    /// <summary>Something the user can fix: field errors (the form again with what they typed; 400 from an API).</summary>
    Invalid,
}

/// <summary>
/// A problem the user can fix, as a resource key and its arguments for the web to translate (<c>Error.{Code}</c> for a
/// domain rule); <see cref="Field"/> names the form field it belongs to ("" for the whole form).
/// </summary>
public sealed record OutcomeError(string Field, string Key, IReadOnlyList<object?> Arguments)
{
    /// <summary>The resource prefix of a domain error code.</summary>
    public const string DomainPrefix = "Error.";

    public static OutcomeError Of(string field, string key, params object?[] arguments) => new(field, key, arguments);

    /// <summary>A rule of the domain that refused: its stable code and arguments.</summary>
    public static OutcomeError Domain(DomainException exception, string field = "") =>
        new(field, DomainPrefix + exception.Code, exception.Arguments);

    /// <summary>The domain code when this error came from one, else null.</summary>
    public string? DomainCode => Key.StartsWith(DomainPrefix, StringComparison.Ordinal) ? Key[DomainPrefix.Length..] : null;
}

/// <summary>What every outcome says besides its value: the web's mapper reads this.</summary>
public interface IOutcome
{
    OutcomeStatus Status { get; }

    /// <summary>The problems of an <see cref="OutcomeStatus.Invalid"/> outcome (empty otherwise).</summary>
    IReadOnlyList<OutcomeError> Errors { get; }

    /// <summary>Who saved the record last, for <see cref="OutcomeStatus.Conflict"/> (null when unknown).</summary>
    string? ChangedBy { get; }

    /// <summary>When, in UTC, for <see cref="OutcomeStatus.Conflict"/> (null when unknown).</summary>
    DateTime? ChangedAtUtc { get; }
}

/// <summary>
/// The one result of a use case with nothing to return but success: ok, not found, forbidden, conflict (who and when)
/// or invalid (field errors). Use cases return it instead of null, false or exceptions; <see cref="Outcome{T}"/>
/// carries a value.
/// </summary>
public sealed class Outcome : IOutcome
{
    private static readonly Outcome OkOutcome = new(OutcomeStatus.Ok);
    private static readonly Outcome NotFoundOutcome = new(OutcomeStatus.NotFound);
    private static readonly Outcome ForbiddenOutcome = new(OutcomeStatus.Forbidden);

    private Outcome(OutcomeStatus status, IReadOnlyList<OutcomeError>? errors = null, string? changedBy = null, DateTime? changedAtUtc = null)
    {
        Status = status;
        Errors = errors ?? [];
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public OutcomeStatus Status { get; }

    public IReadOnlyList<OutcomeError> Errors { get; }

    public string? ChangedBy { get; }

    public DateTime? ChangedAtUtc { get; }

    public bool IsOk => Status == OutcomeStatus.Ok;

    public static Outcome Ok() => OkOutcome;

    public static Outcome<T> Ok<T>(T value) => new(OutcomeStatus.Ok, value, [], null, null);

    public static Outcome NotFound() => NotFoundOutcome;

    public static Outcome Forbidden() => ForbiddenOutcome;

    public static Outcome Conflict(string? changedBy, DateTime? changedAtUtc) =>
        new(OutcomeStatus.Conflict, null, changedBy, changedAtUtc);

    public static Outcome Invalid(IEnumerable<OutcomeError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0
            ? throw new ArgumentException("An invalid outcome names at least one error.", nameof(errors))
            : new Outcome(OutcomeStatus.Invalid, list);
    }

    public static Outcome Invalid(string field, string key, params object?[] arguments) =>
        Invalid([OutcomeError.Of(field, key, arguments)]);

    /// <summary>
    /// A domain rule that refused: a stale stamp is a <see cref="OutcomeStatus.Conflict"/> with who and when, any other
    /// rule an <see cref="OutcomeStatus.Invalid"/> with its code (for <paramref name="field"/>, or the whole form).
    /// </summary>
    public static Outcome Refused(DomainException exception, string field = "") =>
        exception is ConcurrencyConflictException conflict
            ? Conflict(conflict.ChangedBy, conflict.ChangedAtUtc)
            : Invalid([OutcomeError.Domain(exception, field)]);

    /// <summary>
    /// Runs a use case's change and turns a refusal by an entity (a <see cref="DomainException"/>) into its outcome: the
    /// one place where a domain exception becomes an answer, so neither services nor controllers catch one.
    /// </summary>
    public static async Task<Outcome> Of(Func<Task<Outcome>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await change();
        }
        catch (DomainException exception)
        {
            return Refused(exception);
        }
    }

    /// <inheritdoc cref="Of(Func{Task{Outcome}})"/>
    public static async Task<Outcome<T>> Of<T>(Func<Task<Outcome<T>>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await change();
        }
        catch (DomainException exception)
        {
            return Refused(exception);
        }
    }
}

/// <summary>An <see cref="Outcome"/> that carries a value when ok.</summary>
public sealed class Outcome<T> : IOutcome
{
    private readonly T? _value;

    internal Outcome(OutcomeStatus status, T? value, IReadOnlyList<OutcomeError> errors, string? changedBy, DateTime? changedAtUtc)
    {
        Status = status;
        _value = value;
        Errors = errors;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public OutcomeStatus Status { get; }

    public IReadOnlyList<OutcomeError> Errors { get; }

    public string? ChangedBy { get; }

    public DateTime? ChangedAtUtc { get; }

    public bool IsOk => Status == OutcomeStatus.Ok;

    /// <summary>The value of an ok outcome; reading it from any other is a bug.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"A {Status} outcome has no value.");

    /// <summary>Any outcome but ok, carried over (not found, forbidden, conflict, invalid).</summary>
    public static implicit operator Outcome<T>(Outcome failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsOk
            ? throw new InvalidOperationException("An ok outcome without a value cannot become an outcome with one.")
            : new(failure.Status, default, failure.Errors, failure.ChangedBy, failure.ChangedAtUtc);
    }

    public static implicit operator Outcome<T>(T value) => Outcome.Ok(value);

    /// <summary>The same failure without the value type (for a use case that passes another's failure on).</summary>
    public Outcome WithoutValue() => Status switch
    {
        OutcomeStatus.Ok => Outcome.Ok(),
        OutcomeStatus.NotFound => Outcome.NotFound(),
        OutcomeStatus.Forbidden => Outcome.Forbidden(),
        OutcomeStatus.Conflict => Outcome.Conflict(ChangedBy, ChangedAtUtc),
        _ => Outcome.Invalid(Errors),
    };
}
