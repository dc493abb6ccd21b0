using System.Globalization;
using ClosedXML.Excel;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Uploads;
using static ServiceReview.Infrastructure.Excel.PlanWorkbookFormat;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// One problem of an imported workbook: where it is (sheet, 1-based row, column title), what the cell holds, and a
/// stable <see cref="Code"/> with <see cref="Arguments"/> for the UI to translate (<c>Plans.Import.*</c>,
/// <c>Plans.Parameters.*</c>, or a plan rule <c>Plan.*</c>); <see cref="Message"/> is English, for the API.
/// </summary>
public sealed record WorkbookError(string Sheet, int Row, string Column, string? Value, string Code, IReadOnlyList<object?> Arguments, string Message);

/// <summary>What a workbook holds: a plan version to import (a detached draft), or the list of its problems.</summary>
public sealed record PlanWorkbookReadResult(PlanVersion? Plan, IReadOnlyList<WorkbookError> Errors)
{
    public bool IsValid => Plan is not null && Errors.Count == 0;
}

/// <summary>
/// Reads a plan workbook written by <see cref="PlanWorkbookWriter"/> or by hand from its template. It never stops
/// at the first problem: every cell that does not read is listed with its row, and the plan's own validation
/// (weights add up to 100, bands in order…) is reported on the row of the indicator or category concerned.
/// </summary>
public static class PlanWorkbookReader
{
    public const int MaxTextLength = 4000;

    /// <summary>
    /// Reads the workbook after <see cref="XlsxGuard"/> has bounded it (<paramref name="limits"/>, by default those of
    /// <see cref="UploadOptions.SmallWorkbooks"/>): past a size cap it throws <see cref="UploadRefusedException"/>; a
    /// file that is not a readable .xlsx is the error <c>Plans.Import.NotAWorkbook</c>.
    /// </summary>
    public static PlanWorkbookReadResult Read(Stream stream, string fallbackName, WorkbookLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            XlsxGuard.Check(stream, limits ?? new UploadOptions().SmallWorkbooks);
        }
        catch (UploadRefusedException ex) when (ex.Refusal != UploadRefusal.TooLarge)
        {
            return Failed(new WorkbookError("", 0, "", null, "Plans.Import.NotAWorkbook", [], "The file is not an Excel workbook (.xlsx)."));
        }

        using var workbook = TryOpen(stream);
        if (workbook is null)
        {
            return Failed(new WorkbookError("", 0, "", null, "Plans.Import.NotAWorkbook", [], "The file is not an Excel workbook (.xlsx)."));
        }

        return new Reading(workbook, fallbackName).Run();
    }

    /// <summary>The workbook, or null when the stream cannot be opened as one.</summary>
    private static XLWorkbook? TryOpen(Stream stream)
    {
        try
        {
            return new XLWorkbook(stream);
        }
#pragma warning disable CA1031 // Any failure to open means "not a workbook" to the user; the details do not help them.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static PlanWorkbookReadResult Failed(params WorkbookError[] errors) => new(null, errors);

    private sealed class Reading(XLWorkbook workbook, string fallbackName)
    {
        private readonly List<WorkbookError> _errors = [];
        private readonly Dictionary<string, int> _indicatorRows = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _categoryRows = new(StringComparer.Ordinal);
        private string _sheetName = "";
        private Dictionary<string, int> _columns = [];

        public PlanWorkbookReadResult Run()
        {
            var sheet = FindSheet(IndicatorSheet) ?? workbook.Worksheets.FirstOrDefault();
            if (sheet is null)
            {
                return Failed(new WorkbookError("", 0, "", null, "Plans.Import.NoRows", [], "The workbook has no indicator rows."));
            }

            _sheetName = sheet.Name;
            ReadHeader(sheet);
            if (_errors.Count > 0)
            {
                return Failed([.. _errors]);
            }

            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
            if (lastRow - 1 > MaxIndicatorRows)
            {
                return Failed(Error(0, "", null, "Plans.Import.TooManyRows",
                    $"The workbook has {lastRow - 1} indicator rows; a plan may have at most {MaxIndicatorRows}.", lastRow - 1, MaxIndicatorRows));
            }

            foreach (var merged in sheet.MergedRanges)
            {
                var first = merged.FirstCell();
                Error(first.Address.RowNumber, HeaderOf(first.Address.ColumnNumber), merged.RangeAddress.ToString(), "Plans.Import.MergedCells",
                    $"Cells {merged.RangeAddress} are merged; unmerge them and repeat the value on every row.", merged.RangeAddress.ToString());
            }

            // The cells a merge hides read as empty: listing them too would bury the one thing to fix.
            if (_errors.Count > 0)
            {
                return Failed([.. _errors]);
            }

            var (name, bounds) = ReadPlanSheet();
            var draft = new PlanVersion(string.IsNullOrWhiteSpace(name) ? fallbackName : name, 1, bounds);
            var rows = 0;
            for (var r = 2; r <= lastRow; r++)
            {
                var row = sheet.Row(r);
                if (row.IsEmpty())
                {
                    continue;
                }

                rows++;
                ReadIndicatorRow(row, draft);
            }

            if (rows == 0)
            {
                Error(2, "", null, "Plans.Import.NoRows", "The workbook has no indicator rows.");
            }

            if (_errors.Count > 0)
            {
                return Failed([.. _errors]);
            }

            foreach (var problem in draft.Validate())
            {
                AddPlanProblem(problem);
            }

            return _errors.Count > 0 ? Failed([.. _errors]) : new PlanWorkbookReadResult(draft, []);
        }

        private IXLWorksheet? FindSheet(string[] names) =>
            workbook.Worksheets.FirstOrDefault(w => names.Any(n => string.Equals(w.Name.Trim(), n, StringComparison.OrdinalIgnoreCase)));

        private void ReadHeader(IXLWorksheet sheet)
        {
            var header = sheet.Row(1);
            var last = header.LastCellUsed()?.Address.ColumnNumber ?? 0;
            _columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 1; c <= last; c++)
            {
                var text = header.Cell(c).GetString();
                var column = Columns.FirstOrDefault(col => col.Matches(text));
                if (column is not null && !_columns.ContainsKey(column.Key))
                {
                    _columns[column.Key] = c;
                }
            }

            foreach (var missing in Columns.Where(c => c.Required && !_columns.ContainsKey(c.Key)))
            {
                Error(1, missing.Chinese, null, "Plans.Import.MissingColumn",
                    $"The column '{missing.Chinese}' ({missing.English}) is missing from the header row.", missing.Chinese, missing.English);
            }
        }

        private (string? Name, List<GradeBound>? Bounds) ReadPlanSheet()
        {
            var sheet = FindSheet(PlanSheet);
            if (sheet is null)
            {
                return (null, null);
            }

            string? name = null;
            List<GradeBound>? bounds = null;
            var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
            var inBounds = false;
            var withEnglish = false;
            for (var r = 1; r <= lastRow; r++)
            {
                var label = sheet.Cell(r, 1).GetString().Trim();
                var valueCell = sheet.Cell(r, 2);
                if (PlanName.Matches(label))
                {
                    name = valueCell.GetString().Trim();
                    continue;
                }

                if (Grade.Matches(label))
                {
                    inBounds = true;
                    withEnglish = GradeEnglishLabel.Matches(sheet.Cell(r, 3).GetString().Trim());
                    bounds = [];
                    continue;
                }

                if (!inBounds || label.Length == 0)
                {
                    continue;
                }

                if (NumberOf(valueCell, sheet.Name, r, GradeMin.Chinese) is { } min)
                {
                    var english = withEnglish ? sheet.Cell(r, 3).GetString().Trim() : "";
                    bounds!.Add(new GradeBound(label, min, english.Length == 0 ? null : english));
                }
            }

            return (name, bounds is { Count: > 0 } ? bounds : null);
        }

        private void ReadIndicatorRow(IXLRow row, PlanVersion draft)
        {
            var r = row.RowNumber();
            var before = _errors.Count;
            foreach (var cell in row.CellsUsed().Where(c => c.HasFormula))
            {
                Error(r, HeaderOf(cell.Address.ColumnNumber), "=" + cell.FormulaA1, "Plans.Import.Formula",
                    $"Cell {cell.Address} holds a formula; type the value itself.", cell.Address.ToString());
            }

            if (_errors.Count > before)
            {
                return;
            }

            var categoryCode = ReadText(row, CategoryCode, required: true, maxLength: 20);
            var categoryName = ReadText(row, Category, required: true, maxLength: 200);
            var weight = ReadNumber(row, Weight, required: true);
            var code = ReadText(row, Code, required: true, maxLength: 20);
            var name = ReadText(row, Name, required: true, maxLength: 200);
            var standard = ReadText(row, Standard, required: false, maxLength: MaxTextLength);
            var ruleText = ReadText(row, Rule, required: true, maxLength: 50);
            var parameters = ReadText(row, Parameters, required: false, maxLength: MaxTextLength);
            var max = ReadNumber(row, Max, required: true);
            var naAllowed = Flag(row, NaAllowed);
            var critical = Flag(row, Critical);
            var measureText = ReadText(row, Measure, required: false, maxLength: 50);
            var unit = ReadText(row, Unit, required: false, maxLength: 20);
            var minValue = ReadNumber(row, MinValue, required: false);
            var maxValue = ReadNumber(row, MaxValue, required: false);

            RuleKind? kind = null;
            if (ruleText.Length > 0)
            {
                kind = ParseRule(ruleText);
                if (kind is null)
                {
                    Error(r, Rule.Chinese, ruleText, "Plans.Import.UnknownRule", $"'{ruleText}' is not a rule; use 等级评分, 是否, 扣分 or 区间 (Rating, Check, Deduction, Bands).", ruleText);
                }
            }

            var measure = ParseMetric(measureText, out var knownMeasure);
            if (!knownMeasure)
            {
                Error(r, Measure.Chinese, measureText, "Plans.Import.UnknownMeasure", $"'{measureText}' is not a measured figure.", measureText);
            }

            if (code.Length > 0 && _indicatorRows.TryGetValue(code, out var firstRow))
            {
                Error(r, Code.Chinese, code, "Plans.Import.DuplicateCode", $"Indicator code '{code}' is already used on row {firstRow}.", code, firstRow);
            }
            else if (code.Length > 0)
            {
                _indicatorRows[code] = r;
            }

            Indicator? indicator = null;
            if (kind is { } k && code.Length > 0 && name.Length > 0 && max is { } m)
            {
                indicator = Build(r, k, code, name, standard, parameters, m, naAllowed, critical, measure, unit, minValue, maxValue);
            }

            if (_errors.Count > before || indicator is null || weight is not { } w)
            {
                return;
            }

            var category = draft.FindCategory(categoryCode);
            if (category is null)
            {
                category = draft.AddCategory(categoryCode, categoryName, w);
                _categoryRows[categoryCode] = r;
            }
            else if (category.Name != categoryName || category.Weight != w)
            {
                Error(r, Category.Chinese, $"{categoryName} / {Number(w)}", "Plans.Import.CategoryMismatch",
                    $"Category '{categoryCode}' is '{category.Name}' with weight {Number(category.Weight)} on row {_categoryRows[categoryCode]}; every row of a category must repeat the same name and weight.",
                    categoryCode, category.Name, Number(category.Weight), _categoryRows[categoryCode]);
                return;
            }

            draft.AddIndicator(category, indicator);
        }

        private Indicator? Build(int r, RuleKind kind, string code, string name, string standard, string parameters, decimal max,
            bool naAllowed, bool critical, MeasuredMetric? measure, string unit, decimal? minValue, decimal? maxValue)
        {
            if (measure is { } metric)
            {
                var expected = metric == MeasuredMetric.LateArchives ? RuleKind.Deduction : RuleKind.Bands;
                if (kind != expected)
                {
                    Error(r, Measure.Chinese, MetricName(metric, WorkbookLanguage.Chinese), "Plan.MeasureKindMismatch",
                        $"Indicator '{code}' measures {metric}, which needs a {expected} rule, not {kind}.", code, metric.ToString(), expected.ToString());
                    return null;
                }
            }

            switch (kind)
            {
                case RuleKind.Rating:
                    if (parameters.Length == 0)
                    {
                        return Indicator.Rating(code, name, max, null, standard, naAllowed, critical);
                    }

                    var levels = IndicatorParameters.ParseLevels(parameters);
                    return levels.Success
                        ? Indicator.Rating(code, name, max, levels.Value, standard, naAllowed, critical)
                        : ParameterError(r, parameters, levels.ErrorCode!, levels.ErrorText!);
                case RuleKind.Check:
                    if (parameters.Length > 0)
                    {
                        Error(r, Parameters.Chinese, parameters, "Plans.Import.CheckTakesNoParameters", "A Check (是否) indicator takes no parameters; leave the cell empty.");
                        return null;
                    }

                    return Indicator.Check(code, name, max, standard, naAllowed, critical);
                case RuleKind.Deduction:
                    var step = IndicatorParameters.ParseDeduction(parameters);
                    return step.Success
                        ? Indicator.Deduction(code, name, max, step.Value, standard, naAllowed, critical, measure)
                        : ParameterError(r, parameters, step.ErrorCode!, step.ErrorText!);
                case RuleKind.Bands:
                    var bands = IndicatorParameters.ParseBands(parameters);
                    return bands.Success
                        ? Indicator.Banded(code, name, max, bands.Value.Direction, bands.Value.Bands, standard,
                            unit.Length == 0 ? null : unit, minValue, maxValue, naAllowed, critical, measure)
                        : ParameterError(r, parameters, bands.ErrorCode!, bands.ErrorText!);
                default:
                    return null;
            }
        }

        private Indicator? ParameterError(int r, string parameters, string code, string piece)
        {
            Error(r, Parameters.Chinese, parameters, code, $"The parameters do not read at '{piece}'.", piece);
            return null;
        }

        private void AddPlanProblem(PlanProblem problem)
        {
            var subject = problem.Arguments.Count > 0 ? problem.Arguments[0] as string : null;
            var (row, column) = subject is not null && _indicatorRows.TryGetValue(subject, out var ir)
                ? (ir, Code.Chinese)
                : subject is not null && _categoryRows.TryGetValue(subject, out var cr)
                    ? (cr, CategoryCode.Chinese)
                    : problem.Code.StartsWith("Plan.Grade", StringComparison.Ordinal) || problem.Code == "Plan.DuplicateGrade"
                        ? (0, Grade.Chinese)
                        : problem.Code == "Plan.WeightsNot100" ? (0, Weight.Chinese) : (0, "");
            var sheet = column == Grade.Chinese ? SheetName(PlanSheet, WorkbookLanguage.Chinese) : _sheetName;
            _errors.Add(new WorkbookError(sheet, row, column, subject, problem.Code, problem.Arguments, problem.Message));
        }

        private string ReadText(IXLRow row, WorkbookColumn column, bool required, int maxLength)
        {
            if (!_columns.TryGetValue(column.Key, out var c))
            {
                return "";
            }

            var cell = row.Cell(c);
            var text = cell.DataType == XLDataType.Number
                ? cell.GetDouble().ToString(CultureInfo.InvariantCulture)
                : cell.GetString().Trim();
            if (required && text.Length == 0)
            {
                Error(row.RowNumber(), column.Chinese, null, "Plans.Import.Required", $"'{column.Chinese}' ({column.English}) is empty.", column.Chinese, column.English);
            }
            else if (text.Length > maxLength)
            {
                Error(row.RowNumber(), column.Chinese, text[..Math.Min(40, text.Length)] + "…", "Plans.Import.TooLong",
                    $"'{column.Chinese}' is longer than {maxLength} characters.", column.Chinese, maxLength);
                return "";
            }

            return text;
        }

        private decimal? ReadNumber(IXLRow row, WorkbookColumn column, bool required)
        {
            if (!_columns.TryGetValue(column.Key, out var c))
            {
                return null;
            }

            var cell = row.Cell(c);
            if (cell.IsEmpty() && required)
            {
                Error(row.RowNumber(), column.Chinese, null, "Plans.Import.Required", $"'{column.Chinese}' ({column.English}) is empty.", column.Chinese, column.English);
                return null;
            }

            return NumberOf(cell, _sheetName, row.RowNumber(), column.Chinese);
        }

        private decimal? NumberOf(IXLCell cell, string sheet, int row, string columnTitle)
        {
            if (cell.IsEmpty())
            {
                return null;
            }

            if (cell.DataType == XLDataType.Number)
            {
                return Math.Round((decimal)cell.GetDouble(), 4);
            }

            var text = cell.GetString().Trim();
            if (IndicatorParameters.TryNumber(text, out var value))
            {
                return value;
            }

            _errors.Add(new WorkbookError(sheet, row, columnTitle, text, "Plans.Import.NotANumber", [columnTitle, text], $"'{text}' in '{columnTitle}' is not a number."));
            return null;
        }

        private bool Flag(IXLRow row, WorkbookColumn column)
        {
            if (!_columns.TryGetValue(column.Key, out var c))
            {
                return false;
            }

            var cell = row.Cell(c);
            var text = cell.DataType == XLDataType.Boolean ? (cell.GetBoolean() ? "true" : "false") : cell.GetString();
            var flag = ParseYesNo(text);
            if (flag is null)
            {
                Error(row.RowNumber(), column.Chinese, text, "Plans.Import.NotAYesNo", $"'{text}' in '{column.Chinese}' is not 是/否 (yes/no).", column.Chinese, text);
            }

            return flag ?? false;
        }

        private string HeaderOf(int columnNumber) =>
            Columns.FirstOrDefault(c => _columns.TryGetValue(c.Key, out var n) && n == columnNumber)?.Chinese
            ?? XLHelper.GetColumnLetterFromNumber(columnNumber);

        private WorkbookError Error(int row, string column, string? value, string code, string message, params object?[] arguments)
        {
            var error = new WorkbookError(_sheetName, row, column, value, code, arguments, message);
            _errors.Add(error);
            return error;
        }
    }
}
