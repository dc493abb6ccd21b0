using ClosedXML.Excel;
using ServiceReview.Core.Plans;
using static ServiceReview.Infrastructure.Excel.PlanWorkbookFormat;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// Writes a plan version as a readable workbook (see <see cref="PlanWorkbookFormat"/>) that
/// <see cref="PlanWorkbookReader"/> reads back to the same plan. Every text is written as text, never as a
/// formula (ClosedXML 0.95 turns a string starting with '=' into one), and column widths are set by hand
/// (AdjustToContents needs libgdiplus and is slow).
/// </summary>
public static class PlanWorkbookWriter
{
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");

    public static byte[] Write(PlanVersion version, WorkbookLanguage language, string? statusText = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var workbook = new XLWorkbook();
        WriteIndicators(workbook.AddWorksheet(SheetName(IndicatorSheet, language)), version, language);
        WritePlan(workbook.AddWorksheet(SheetName(PlanSheet, language)), version, language, statusText);
        WriteHelp(workbook.AddWorksheet(SheetName(HelpSheet, language)), language);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The template to start from: every column, and one example indicator of each rule kind.</summary>
    public static byte[] Template(WorkbookLanguage language)
    {
        var example = DefaultPlan.TemplateExample(english: language == WorkbookLanguage.English);
        return Write(example, language);
    }

    private static void WriteIndicators(IXLWorksheet sheet, PlanVersion version, WorkbookLanguage language)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            ExcelText.Set(sheet.Cell(1, c + 1), Columns[c].Text(language));
            sheet.Column(c + 1).Width = Columns[c].Width;
        }

        var header = sheet.Range(1, 1, 1, Columns.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = HeaderFill;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        sheet.SheetView.FreezeRows(1);

        var row = 2;
        foreach (var category in version.CategoriesInOrder())
        {
            foreach (var indicator in category.IndicatorsInOrder())
            {
                SetText(sheet, row, CategoryCode, category.Code);
                SetText(sheet, row, Category, category.Name);
                SetNumber(sheet, row, Weight, category.Weight);
                SetText(sheet, row, Code, indicator.Code);
                SetText(sheet, row, Name, indicator.Name);
                SetText(sheet, row, Standard, indicator.Standard);
                SetText(sheet, row, Rule, RuleName(indicator.Kind, language));
                SetText(sheet, row, Parameters, IndicatorParameters.Format(indicator));
                SetNumber(sheet, row, Max, indicator.Max);
                SetText(sheet, row, NaAllowed, YesNo(indicator.NaAllowed, language));
                SetText(sheet, row, Critical, YesNo(indicator.Critical, language));
                SetText(sheet, row, Measure, indicator.Measure is { } m ? MetricName(m, language) : "");
                SetText(sheet, row, Unit, indicator.Unit ?? "");
                SetNumber(sheet, row, MinValue, indicator.MinValue);
                SetNumber(sheet, row, MaxValue, indicator.MaxValue);
                row++;
            }
        }

        var body = sheet.Range(1, 1, Math.Max(1, row - 1), Columns.Count);
        body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        body.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        body.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        sheet.Column(Index(Standard)).Style.Alignment.WrapText = true;
        sheet.Column(Index(Parameters)).Style.Alignment.WrapText = true;
        sheet.Column(Index(Name)).Style.Alignment.WrapText = true;
    }

    private static void WritePlan(IXLWorksheet sheet, PlanVersion version, WorkbookLanguage language, string? statusText)
    {
        sheet.Column(1).Width = 16;
        sheet.Column(2).Width = 40;
        ExcelText.Set(sheet.Cell(1, 1), PlanName.Text(language));
        ExcelText.Set(sheet.Cell(1, 2), version.Name);
        ExcelText.Set(sheet.Cell(2, 1), PlanVersionNumber.Text(language));
        sheet.Cell(2, 2).SetValue(version.Number);
        ExcelText.Set(sheet.Cell(3, 1), PlanStatus.Text(language));
        ExcelText.Set(sheet.Cell(3, 2), statusText ?? version.Status.ToString());
        sheet.Range(1, 1, 3, 1).Style.Font.Bold = true;

        ExcelText.Set(sheet.Cell(5, 1), Grade.Text(language));
        ExcelText.Set(sheet.Cell(5, 2), GradeMin.Text(language));
        ExcelText.Set(sheet.Cell(5, 3), GradeEnglishLabel.Text(language));
        sheet.Column(3).Width = GradeEnglishLabel.Width;
        var header = sheet.Range(5, 1, 5, 3);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = HeaderFill;
        var row = 6;
        foreach (var bound in version.GradeBounds)
        {
            ExcelText.Set(sheet.Cell(row, 1), bound.Grade);
            sheet.Cell(row, 2).SetValue(bound.Min);
            if (bound.EnglishLabel is { } english)
            {
                ExcelText.Set(sheet.Cell(row, 3), english);
            }

            row++;
        }
    }

    private static void WriteHelp(IXLWorksheet sheet, WorkbookLanguage language)
    {
        sheet.Column(1).Width = 110;
        string[] lines = language == WorkbookLanguage.English
            ?
            [
                "How to fill in this workbook",
                "Sheet \"Indicators\": one row per indicator. Repeat the category code, name and weight on each row of the category; do not merge cells.",
                "Weights of the categories add up to 100. Indicator codes are unique.",
                "Rule: Rating, Check, Deduction or Bands.",
                "Parameters — Rating: levels as label=fraction, e.g. 优秀=1; 良好=0.8; 一般=0.6; 较差=0.3; 差=0 (empty: these default levels).",
                "Parameters — Deduction: the points taken per occurrence, e.g. 2.5.",
                "Parameters — Bands: ≥bound→points, best first, e.g. ≥98→8; ≥95→6; ≥90→4 (≤ when lower is better). Check: empty.",
                "N/A allowed, Critical: Yes or No. Measured (only Bands or Deduction): complete, lateArchives, firstResponseOnTime, resolvedOnTime, firstContactResolution, or empty.",
                "Unit, Min value, Max value: for Bands only, e.g. %, 0, 100.",
                "Sheet \"Plan\": the plan name, and the grade bounds from the highest down (below the last bound: 不合格); each grade may have an English label, shown when the UI is in English (optional).",
                "Type values, not formulas. Importing creates a new draft; nothing is created while any row has a problem.",
            ]
            :
            [
                "填写说明",
                "“指标”表：每个评估指标一行。同一类别的每一行都填写类别编号、类别名称和权重；请勿合并单元格。",
                "各类别权重之和为 100；指标编号不可重复。",
                "得分规则：等级评分、是否、扣分 或 区间。",
                "参数——等级评分：等级=系数，如 优秀=1; 良好=0.8; 一般=0.6; 较差=0.3; 差=0（留空即为这组默认等级）。",
                "参数——扣分：每次扣的分数，如 2.5。",
                "参数——区间：≥界值→得分，从好到差，如 ≥98→8; ≥95→6; ≥90→4（越低越好时用 ≤）。是否：留空。",
                "可不适用、一票否决：是 或 否。系统计算（仅区间或扣分）：服务记录完整率、逾期归档数、首次响应及时率、问题解决及时率、一次解决率，或留空。",
                "单位、最小值、最大值：仅用于区间，如 %、0、100。",
                "“方案”表：方案名称，以及从高到低的等级下限（低于最后一个下限为“不合格”）；每个等级可填写英文名称，英文界面显示（可留空）。",
                "请填写数值，不要使用公式。导入后生成新的草稿版本；只要有一行有问题，就不会创建任何内容。",
            ];
        for (var i = 0; i < lines.Length; i++)
        {
            ExcelText.Set(sheet.Cell(i + 1, 1), lines[i]);
            sheet.Cell(i + 1, 1).Style.Alignment.WrapText = true;
        }

        sheet.Cell(1, 1).Style.Font.Bold = true;
    }

    private static int Index(WorkbookColumn column) => Columns.ToList().IndexOf(column) + 1;

    // Through ExcelText: text stays text (ClosedXML 0.95 would make "=..." assigned to Value a formula), guarded when it starts like one.
    private static void SetText(IXLWorksheet sheet, int row, WorkbookColumn column, string text) =>
        ExcelText.Set(sheet.Cell(row, Index(column)), text);

    private static void SetNumber(IXLWorksheet sheet, int row, WorkbookColumn column, decimal? value)
    {
        if (value is { } v)
        {
            sheet.Cell(row, Index(column)).SetValue(v);
        }
    }
}
