namespace ServiceReview.Core.Plans;

/// <summary>
/// The lowest rounded total that earns <see cref="Grade"/>. A version lists them high → low. <see cref="Grade"/> (the
/// Chinese name) is the grade's identity: stored results, filters, exports and JSON use it. <see cref="EnglishLabel"/>
/// is only what the English UI shows instead (null: a built-in English name for the default grades, else the Chinese).
/// </summary>
public sealed record GradeBound(string Grade, decimal Min, string? EnglishLabel = null)
{
    /// <summary>The longest English label a plan accepts.</summary>
    public const int EnglishLabelMaxLength = 40;

    // For EF Core materialisation.
    private GradeBound()
        : this(string.Empty, 0m)
    {
    }
}

/// <summary>One band of a Bands indicator: a value that meets <see cref="Bound"/> earns <see cref="Points"/>.</summary>
public sealed record Band(decimal Bound, decimal Points)
{
    private Band()
        : this(0m, 0m)
    {
    }
}

/// <summary>One level of a Rating indicator: choosing it earns max × <see cref="Fraction"/> (0..1).</summary>
public sealed record RatingLevel(string Label, decimal Fraction)
{
    private RatingLevel()
        : this(string.Empty, 0m)
    {
    }

    /// <summary>优秀 1.00, 良好 0.80, 一般 0.60, 较差 0.30, 差 0.00.</summary>
    public static IReadOnlyList<RatingLevel> Defaults { get; } =
    [
        new("优秀", 1.00m),
        new("良好", 0.80m),
        new("一般", 0.60m),
        new("较差", 0.30m),
        new("差", 0.00m),
    ];
}

/// <summary>
/// One thing wrong with a plan version. <see cref="Code"/> is stable and translated by the UI
/// (key <c>Error.{Code}</c>); <see cref="Arguments"/> fill its placeholders; <see cref="Message"/> is English.
/// </summary>
public sealed record PlanProblem
{
    public PlanProblem(string code, string message, params object?[] arguments)
    {
        Code = code;
        Message = message;
        Arguments = arguments;
    }

    public string Code { get; }

    public string Message { get; }

    public IReadOnlyList<object?> Arguments { get; }

    public override string ToString() => $"{Code}: {Message}";
}
