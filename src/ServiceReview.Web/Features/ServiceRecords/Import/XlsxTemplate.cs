using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServiceReview.Web.Features.ServiceRecords.Import;

/// <summary>Writes small workbooks of text: the import template (Chinese headers and one example row).</summary>
public static class XlsxTemplate
{
    public static readonly IReadOnlyList<string> ExampleRow =
        ["T-000001", "王先生", "电话", "需求", "空调不制冷，要求上门检查", "2026-09-01 09:15", "2026-09-01 09:40", "2026-09-01 15:20", "是", "张敏", "2026-09-01 16:00", "2026-09-02 10:00"];

    public static byte[] Create() => Write([ImportColumns.All.Select(c => c.Chinese).ToList(), ExampleRow.ToList()]);

    /// <summary>A one-sheet workbook whose cells are inline strings (never formulas).</summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint number = 0;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = ++number };
                foreach (var value in values)
                {
                    row.Append(value is null
                        ? new Cell()
                        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) });
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = (uint)ImportColumns.All.Count, Width = 20, CustomWidth = true }),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "服务记录" }));
        }

        return memory.ToArray();
    }
}
