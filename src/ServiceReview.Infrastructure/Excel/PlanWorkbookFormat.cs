using System.Globalization;
using ServiceReview.Core.Plans;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>Language of the texts a plan workbook is written with. Either is read back.</summary>
public enum WorkbookLanguage
{
    Chinese,
    English,
}

/// <summary>
/// The layout of a plan workbook (考评表): sheet "指标" (Indicators) with one row per indicator, sheet "方案" (Plan)
/// with the plan's name and grade bounds, sheet "说明" (Help). Column titles, rule kinds, yes/no and metric names are
/// written in one language and recognised in both, so a workbook exported in English imports in a Chinese session.
/// </summary>
public static class PlanWorkbookFormat
{
    public const int MaxIndicatorRows = 1000;

    public static readonly string[] IndicatorSheet = ["指标", "Indicators"];
    public static readonly string[] PlanSheet = ["方案", "Plan"];
    public static readonly string[] HelpSheet = ["说明", "Help"];

    public static readonly WorkbookColumn CategoryCode = new("CategoryCode", "类别编号", "Category code", Required: true, Width: 9);
    public static readonly WorkbookColumn Category = new("Category", "类别", "Category", Required: true, Width: 16);
    public static readonly WorkbookColumn Weight = new("Weight", "权重", "Weight", Required: true, Width: 7);
    public static readonly WorkbookColumn Code = new("Code", "指标编号", "Code", Required: true, Width: 9);
    public static readonly WorkbookColumn Name = new("Name", "指标", "Indicator", Required: true, Width: 24);
    public static readonly WorkbookColumn Standard = new("Standard", "评估标准", "Standard", Required: false, Width: 60);
    public static readonly WorkbookColumn Rule = new("Rule", "得分规则", "Rule", Required: true, Width: 10);
    public static readonly WorkbookColumn Parameters = new("Parameters", "参数", "Parameters", Required: false, Width: 30);
    public static readonly WorkbookColumn Max = new("Max", "满分", "Max", Required: true, Width: 7);
    public static readonly WorkbookColumn NaAllowed = new("NaAllowed", "可不适用", "N/A allowed", Required: false, Width: 9);
    public static readonly WorkbookColumn Critical = new("Critical", "一票否决", "Critical", Required: false, Width: 9);
    public static readonly WorkbookColumn Measure = new("Measure", "系统计算", "Measured", Required: false, Width: 16);
    public static readonly WorkbookColumn Unit = new("Unit", "单位", "Unit", Required: false, Width: 6);
    public static readonly WorkbookColumn MinValue = new("MinValue", "最小值", "Min value", Required: false, Width: 8);
    public static readonly WorkbookColumn MaxValue = new("MaxValue", "最大值", "Max value", Required: false, Width: 8);

    public static readonly IReadOnlyList<WorkbookColumn> Columns =
        [CategoryCode, Category, Weight, Code, Name, Standard, Rule, Parameters, Max, NaAllowed, Critical, Measure, Unit, MinValue, MaxValue];

    public static readonly WorkbookColumn PlanName = new("PlanName", "方案名称", "Plan name", Required: true, Width: 14);
    public static readonly WorkbookColumn PlanVersionNumber = new("Version", "版本", "Version", Required: false, Width: 14);
    public static readonly WorkbookColumn PlanStatus = new("Status", "状态", "Status", Required: false, Width: 14);
    public static readonly WorkbookColumn Grade = new("Grade", "等级", "Grade", Required: false, Width: 14);
    public static readonly WorkbookColumn GradeMin = new("GradeMin", "最低分", "Minimum total", Required: false, Width: 14);

    /// <summary>The grade's English label: an optional third column of the grade table (older workbooks have none).</summary>
    public static readonly WorkbookColumn GradeEnglishLabel = new("GradeEnglishLabel", "英文名称", "English label", Required: false, Width: 20);

    private static readonly (RuleKind Kind, string Zh, string En)[] RuleNames =
    [
        (RuleKind.Rating, "等级评分", "Rating"),
        (RuleKind.Check, "是否", "Check"),
        (RuleKind.Deduction, "扣分", "Deduction"),
        (RuleKind.Bands, "区间", "Bands"),
    ];

    private static readonly (MeasuredMetric Metric, string Zh, string Id)[] MetricNames =
    [
        (MeasuredMetric.Complete, "服务记录完整率", "complete"),
        (MeasuredMetric.LateArchives, "逾期归档数", "lateArchives"),
        (MeasuredMetric.FirstResponseOnTime, "首次响应及时率", "firstResponseOnTime"),
        (MeasuredMetric.ResolvedOnTime, "问题解决及时率", "resolvedOnTime"),
        (MeasuredMetric.FirstContactResolution, "一次解决率", "firstContactResolution"),
    ];

    public static string Text(this WorkbookColumn column, WorkbookLanguage language) =>
        language == WorkbookLanguage.English ? column.English : column.Chinese;

    public static string SheetName(string[] names, WorkbookLanguage language) => names[language == WorkbookLanguage.English ? 1 : 0];

    public static string RuleName(RuleKind kind, WorkbookLanguage language)
    {
        var names = RuleNames.Single(r => r.Kind == kind);
        return language == WorkbookLanguage.English ? names.En : names.Zh;
    }

    public static RuleKind? ParseRule(string text)
    {
        var t = text.Trim();
        if (t is "是/否" or "是否" or "是／否")
        {
            return RuleKind.Check;
        }

        foreach (var (kind, zh, en) in RuleNames)
        {
            if (string.Equals(t, zh, StringComparison.Ordinal) || string.Equals(t, en, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return t switch
        {
            "等级" or "评分" => RuleKind.Rating,
            "Bands" or "Band" or "区间评分" => RuleKind.Bands,
            _ => null,
        };
    }

    public static string MetricName(MeasuredMetric metric, WorkbookLanguage language)
    {
        var names = MetricNames.Single(m => m.Metric == metric);
        return language == WorkbookLanguage.English ? names.Id : names.Zh;
    }

    public static MeasuredMetric? ParseMetric(string text, out bool known)
    {
        var t = text.Trim();
        known = true;
        if (t.Length == 0)
        {
            return null;
        }

        foreach (var (metric, zh, id) in MetricNames)
        {
            if (string.Equals(t, zh, StringComparison.Ordinal) || string.Equals(t, id, StringComparison.OrdinalIgnoreCase))
            {
                return metric;
            }
        }

        known = false;
        return null;
    }

    public static string YesNo(bool value, WorkbookLanguage language) =>
        language == WorkbookLanguage.English ? (value ? "Yes" : "No") : (value ? "是" : "否");

    /// <summary>是/否, yes/no, y/n, true/false, 1/0, √/×; empty is no. Null when the text is none of these.</summary>
    public static bool? ParseYesNo(string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "" or "否" or "no" or "n" or "false" or "0" or "×" => false,
            "是" or "yes" or "y" or "true" or "1" or "√" or "✓" => true,
            _ => null,
        };

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A column of the workbook: a stable key, its titles in both languages, whether the reader needs it.</summary>
public sealed record WorkbookColumn(string Key, string Chinese, string English, bool Required, double Width)
{
    public bool Matches(string header)
    {
        var h = header.Trim();
        return string.Equals(h, Chinese, StringComparison.Ordinal) || string.Equals(h, English, StringComparison.OrdinalIgnoreCase);
    }
}
