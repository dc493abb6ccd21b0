using ServiceReview.Core.Scoring;

namespace ServiceReview.Testing.Builders;

/// <summary>Short ways to write an inspector's input.</summary>
public static class Input
{
    public const string SomeNote = "现场查看记录，见附件";

    public static IndicatorInput Value(decimal value, string? note = null) => new() { Value = value, Note = note };

    public static IndicatorInput Count(int count, string? note = null) => new() { Count = count, Note = note };

    public static IndicatorInput Pass(string? note = null) => new() { Pass = true, Note = note };

    public static IndicatorInput Fail(string? note = null) => new() { Pass = false, Note = note };

    public static IndicatorInput Level(string label, string? note = null) => new() { Level = label, Note = note };

    public static IndicatorInput Na(string? note = "无服务记录") => new() { NotApplicable = true, Note = note };
}

/// <summary>Builds the input dictionary of one inspection.</summary>
public sealed class InputsBuilder
{
    private readonly Dictionary<string, IndicatorInput> _inputs = new(StringComparer.Ordinal);

    public InputsBuilder With(string code, IndicatorInput input)
    {
        _inputs[code] = input;
        return this;
    }

    public InputsBuilder Without(string code)
    {
        _inputs.Remove(code);
        return this;
    }

    public IReadOnlyDictionary<string, IndicatorInput> Build() => new Dictionary<string, IndicatorInput>(_inputs, StringComparer.Ordinal);

    /// <summary>The worked example of scoring.md, with a note wherever the evidence rule asks for one.</summary>
    public static InputsBuilder WorkedExample() => new InputsBuilder()
        .With("1.1", Input.Value(96.0m))
        .With("1.2", Input.Count(2, "2条记录关闭后超过48小时归档"))
        .With("1.3", Input.Pass())
        .With("2.1", Input.Value(91m))
        .With("2.2", Input.Na("检查期内无需解决的问题"))
        .With("2.3", Input.Level("良好"))
        .With("3.1", Input.Level("优秀", "客户回访均表示满意"))
        .With("3.2", Input.Level("一般"))
        .With("4.1", Input.Level("良好"))
        .With("4.2", Input.Count(1, "一次未按合同时限上门"))
        .With("4.3", Input.Pass())
        .With("5.1", Input.Value(70m))
        .With("5.2", Input.Level("良好"))
        .With("5.3", Input.Level("较差", "月底集中任务延误两天"));
}
