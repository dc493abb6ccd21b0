using ClosedXML.Excel;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Excel;

namespace ServiceReview.Infrastructure.Tests.Excel;

/// <summary>Export a plan version to a workbook, import it back: the same plan; a bad workbook: every problem by row.</summary>
public sealed class The_plan_workbook
{
    private static PlanWorkbookReadResult Read(byte[] bytes, string name = "导入") => PlanWorkbookReader.Read(new MemoryStream(bytes), name);

    private static byte[] DefaultWorkbook(WorkbookLanguage language = WorkbookLanguage.Chinese) =>
        PlanWorkbookWriter.Write(DefaultPlan.CreateVersion(), language);

    /// <summary>Opens the exported default plan, lets the test spoil it, and saves it again.</summary>
    private static byte[] Spoil(Action<IXLWorksheet> change)
    {
        using var workbook = new XLWorkbook(new MemoryStream(DefaultWorkbook()));
        change(workbook.Worksheet("指标"));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(WorkbookLanguage.Chinese)]
    [InlineData(WorkbookLanguage.English)]
    public void The_exported_default_plan_imports_to_an_identical_plan(WorkbookLanguage language)
    {
        var original = DefaultPlan.CreateVersion();

        var result = Read(PlanWorkbookWriter.Write(original, language));

        Assert.Empty(result.Errors);
        Assert.Equal(DefaultPlan.Name, result.Plan!.Name);
        Assert.Empty(PlanComparer.Compare(original, result.Plan));
        Assert.Equal(original.IndicatorsInOrder().Select(i => i.Code), result.Plan.IndicatorsInOrder().Select(i => i.Code));
    }

    [Fact]
    public void A_plan_with_lower_is_better_bands_custom_levels_and_grade_bounds_survives_the_round_trip()
    {
        var plan = new PlanVersion("自定义方案", 3, [new("A", 85m), new("B", 70m)]);
        plan.AddCategory("X", "现场检查", 100m);
        plan.AddIndicator("X", Indicator.Banded("X.1", "=投诉次数", 10m, BandDirection.LowerIsBetter, [new(0m, 10m), new(2m, 6m)], "=SUM(A1) 不是公式", unit: "次", minValue: 0m));
        plan.AddIndicator("X", Indicator.Rating("X.2", "态度", 5.5m, [new("好", 1m), new("中", 0.55m), new("差", 0m)], naAllowed: true));

        var result = Read(PlanWorkbookWriter.Write(plan, WorkbookLanguage.Chinese));

        Assert.Empty(result.Errors);
        Assert.Empty(PlanComparer.Compare(plan, result.Plan!));
        Assert.Equal("=SUM(A1) 不是公式", result.Plan!.FindIndicator("X.1")!.Standard);
    }

    [Theory]
    [InlineData(WorkbookLanguage.Chinese)]
    [InlineData(WorkbookLanguage.English)]
    public void The_grades_English_labels_survive_the_round_trip(WorkbookLanguage language)
    {
        var plan = DefaultPlan.CreateVersion().CopyAsDraft(2);
        plan.SetGradeBounds([new("优秀", 90m, "Outstanding"), new("良好", 80m), new("合格", 60m, "Satisfactory")]);

        var result = Read(PlanWorkbookWriter.Write(plan, language));

        Assert.Empty(result.Errors);
        Assert.Equal(plan.GradeBounds, result.Plan!.GradeBounds);
    }

    [Fact]
    public void A_workbook_without_the_English_label_column_imports_its_grades_without_labels()
    {
        using var workbook = new XLWorkbook(new MemoryStream(DefaultWorkbook()));
        var sheet = workbook.Worksheet("方案");
        sheet.Column(3).Delete();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var result = Read(stream.ToArray());

        Assert.Empty(result.Errors);
        Assert.Equal(PlanVersion.DefaultGradeBounds, result.Plan!.GradeBounds);
    }

    [Fact]
    public void The_template_imports_as_a_valid_example_plan()
    {
        var result = Read(PlanWorkbookWriter.Template(WorkbookLanguage.Chinese));

        Assert.Empty(result.Errors);
        Assert.Equal("示例方案", result.Plan!.Name);
        Assert.Equal(4, result.Plan.IndicatorsInOrder().Count());
    }

    [Fact]
    public void An_empty_file_is_not_a_workbook()
    {
        var error = Assert.Single(Read([]).Errors);
        Assert.Equal("Plans.Import.NotAWorkbook", error.Code);
    }

    [Fact]
    public void A_text_file_with_an_xlsx_name_is_not_a_workbook()
    {
        var error = Assert.Single(Read("类别编号,类别\n1,服务"u8.ToArray()).Errors);
        Assert.Equal("Plans.Import.NotAWorkbook", error.Code);
    }

    [Fact]
    public void A_workbook_without_indicator_rows_says_so()
    {
        var bytes = Spoil(sheet => sheet.Rows(2, 15).Delete());
        var error = Assert.Single(Read(bytes).Errors);
        Assert.Equal("Plans.Import.NoRows", error.Code);
    }

    [Fact]
    public void Missing_columns_are_each_named_on_the_header_row()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Column(9).Delete(); // 满分
            sheet.Column(3).Delete(); // 权重
        });

        var errors = Read(bytes).Errors;

        Assert.Equal(
            [(1, "权重", "Plans.Import.MissingColumn"), (1, "满分", "Plans.Import.MissingColumn")],
            errors.Select(e => (e.Row, e.Column, e.Code)));
    }

    [Fact]
    public void Headers_in_English_and_in_any_order_are_read()
    {
        using var workbook = new XLWorkbook(new MemoryStream(DefaultWorkbook(WorkbookLanguage.English)));
        var sheet = workbook.Worksheet("Indicators");
        sheet.Column(1).InsertColumnsBefore(1);
        sheet.Column(7).CopyTo(sheet.Column(1)); // Standard now also first; the first one found is used
        sheet.Column(1).Clear();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var result = Read(stream.ToArray());

        Assert.Empty(result.Errors);
        Assert.Empty(PlanComparer.Compare(DefaultPlan.CreateVersion(), result.Plan!));
    }

    [Fact]
    public void Merged_cells_are_refused_with_their_range()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Range("B2:B4").Merge();
            sheet.Range("C2:C4").Merge();
        });

        var errors = Read(bytes).Errors;

        Assert.Equal(
            [(2, "类别", "B2:B4", "Plans.Import.MergedCells"), (2, "权重", "C2:C4", "Plans.Import.MergedCells")],
            errors.Select(e => (e.Row, e.Column, e.Value, e.Code)));
    }

    [Fact]
    public void Text_where_numbers_belong_is_listed_cell_by_cell()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Cell(3, 9).SetValue("六分");   // 1.2 满分
            sheet.Cell(5, 3).SetValue("二十五");  // 2.1 权重
            sheet.Cell(8, 14).SetValue("零");     // 3.1 最小值
        });

        var errors = Read(bytes).Errors;

        Assert.Equal(
            [(3, "满分", "六分"), (5, "权重", "二十五"), (8, "最小值", "零")],
            errors.Select(e => (e.Row, e.Column, e.Value)));
        Assert.All(errors, e => Assert.Equal("Plans.Import.NotANumber", e.Code));
    }

    [Fact]
    public void Numbers_typed_as_text_are_accepted()
    {
        var bytes = Spoil(sheet => sheet.Cell(3, 9).SetValue<string>("6"));
        Assert.Empty(Read(bytes).Errors);
    }

    [Fact]
    public void Formulas_are_refused_with_the_formula_shown()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Cell(2, 9).FormulaA1 = "4+4";
            sheet.Cell(6, 5).FormulaA1 = "CONCATENATE(\"问题\",\"解决\")";
        });

        var errors = Read(bytes).Errors;

        Assert.Equal(
            [(2, "满分", "=4+4"), (6, "指标", "=CONCATENATE(\"问题\",\"解决\")")],
            errors.Select(e => (e.Row, e.Column, e.Value)));
        Assert.All(errors, e => Assert.Equal("Plans.Import.Formula", e.Code));
    }

    [Fact]
    public void Every_problem_of_every_row_is_listed_not_just_the_first()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Cell(2, 7).SetValue("打分");          // unknown rule
            sheet.Cell(3, 8).SetValue("每次一分");       // deduction step does not read
            sheet.Cell(4, 10).SetValue("也许");          // not yes/no
            sheet.Cell(5, 8).SetValue("≥95→10; ≤90→8"); // mixed directions
            sheet.Cell(6, 4).SetValue("");              // code missing
            sheet.Cell(7, 12).SetValue("满意度");        // unknown metric
            sheet.Cell(9, 4).SetValue("1.1");           // duplicate code (3.2 → 1.1)
        });

        var errors = Read(bytes).Errors;

        Assert.Equal(
            [
                (2, "Plans.Import.UnknownRule"), (3, "Plans.Parameters.Deduction"), (4, "Plans.Import.NotAYesNo"),
                (5, "Plans.Parameters.MixedDirections"), (6, "Plans.Import.Required"), (7, "Plans.Import.UnknownMeasure"),
                (9, "Plans.Import.DuplicateCode"),
            ],
            errors.Select(e => (e.Row, e.Code)));
    }

    [Fact]
    public void Plan_rules_are_reported_on_the_row_of_the_indicator_or_category()
    {
        var bytes = Spoil(sheet =>
        {
            sheet.Cell(2, 8).SetValue("≥98→9; ≥95→6; ≥90→4"); // 1.1: a band above the max of 8
            sheet.Cell(3, 8).SetValue("0");                    // 1.2: deduction step 0
            sheet.Cell(5, 8).SetValue("≥90→10; ≥95→8");        // 2.1: bands out of order
            foreach (var r in new[] { 5, 6, 7 })
            {
                sheet.Cell(r, 3).SetValue(30);                 // category 2: weight 30, total 105
            }
        });

        var errors = Read(bytes).Errors;

        Assert.Contains(errors, e => e is { Row: 2, Code: "Plan.BandPointsAboveMax" });
        Assert.Contains(errors, e => e is { Row: 3, Code: "Plan.DeductionStepNotPositive" });
        Assert.Contains(errors, e => e is { Row: 5, Code: "Plan.BandsOutOfOrder" });
        Assert.Contains(errors, e => e is { Row: 0, Column: "权重", Code: "Plan.WeightsNot100" });
    }

    [Fact]
    public void A_category_whose_rows_disagree_on_its_weight_is_refused_on_the_later_row()
    {
        var bytes = Spoil(sheet => sheet.Cell(4, 3).SetValue(25));

        var error = Assert.Single(Read(bytes).Errors);

        Assert.Equal((4, "Plans.Import.CategoryMismatch"), (error.Row, error.Code));
    }

    [Fact]
    public void A_measured_rating_is_refused_because_only_bands_and_deductions_are_measured()
    {
        var bytes = Spoil(sheet => sheet.Cell(8, 12).SetValue("一次解决率")); // 3.1 is a Rating

        var error = Assert.Single(Read(bytes).Errors);

        Assert.Equal((8, "Plan.MeasureKindMismatch"), (error.Row, error.Code));
    }

    [Fact]
    public void Five_thousand_indicators_are_refused_at_once_with_the_limit()
    {
        using var workbook = new XLWorkbook(new MemoryStream(DefaultWorkbook()));
        var sheet = workbook.Worksheet("指标");
        for (var r = 16; r <= 5001; r++)
        {
            sheet.Cell(r, 1).SetValue("9");
            sheet.Cell(r, 2).SetValue("大类");
            sheet.Cell(r, 3).SetValue(1);
            sheet.Cell(r, 4).SetValue($"9.{r}");
            sheet.Cell(r, 5).SetValue("指标");
            sheet.Cell(r, 7).SetValue("是否");
            sheet.Cell(r, 9).SetValue(1);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        var started = DateTime.UtcNow;

        var error = Assert.Single(Read(stream.ToArray()).Errors);

        Assert.Equal("Plans.Import.TooManyRows", error.Code);
        Assert.Equal([5000, PlanWorkbookFormat.MaxIndicatorRows], error.Arguments);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_thousand_indicators_import()
    {
        var plan = new PlanVersion("大方案", 1);
        for (var c = 1; c <= 10; c++)
        {
            plan.AddCategory($"{c}", $"类别{c}", 10m);
            for (var i = 1; i <= 100; i++)
            {
                plan.AddIndicator($"{c}", Indicator.Check($"{c}.{i}", $"指标{c}.{i}", 1m));
            }
        }

        var result = Read(PlanWorkbookWriter.Write(plan, WorkbookLanguage.Chinese));

        Assert.Empty(result.Errors);
        Assert.Equal(1000, result.Plan!.IndicatorsInOrder().Count());
    }

    [Fact]
    public void User_text_that_starts_with_an_equals_sign_is_written_as_text_not_as_a_formula()
    {
        var plan = new PlanVersion("方案", 1);
        plan.AddCategory("1", "=HYPERLINK(\"http://x\")", 100m);
        plan.AddIndicator("1", Indicator.Check("1.1", "=1+1", 5m));

        using var workbook = new XLWorkbook(new MemoryStream(PlanWorkbookWriter.Write(plan, WorkbookLanguage.Chinese)));
        var sheet = workbook.Worksheet("指标");

        Assert.False(sheet.Cell(2, 2).HasFormula);
        Assert.False(sheet.Cell(2, 5).HasFormula);
        Assert.Equal("=1+1", sheet.Cell(2, 5).GetString());
    }
}
