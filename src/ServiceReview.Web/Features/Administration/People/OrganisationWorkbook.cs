using ClosedXML.Excel;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.Administration.People;

public sealed record PersonRow(int Row, string Name, string Email, IReadOnlyList<string> Roles, InspectorType? InspectorType, int? Years, bool CreateAccount)
{
    /// <summary>Names of the projects this inspector may inspect (empty: any project).</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];
}

public sealed record TeamRow(int Row, string Project, string Customer, string Team, string? LeadEmail, IReadOnlyList<string> MemberEmails);

public sealed record OrganisationWorkbookContent(IReadOnlyList<PersonRow> People, IReadOnlyList<TeamRow> Teams, IReadOnlyList<WorkbookError> Errors);

/// <summary>
/// The people-and-teams workbook: sheet 人员 (People) and sheet 服务组 (Teams), one header row each, Chinese or English
/// headers in any order. Every cell that does not read becomes a <see cref="WorkbookError"/> with a code
/// <c>Admin.Import.*</c>; the reader never stops at the first one.
/// </summary>
public static class OrganisationWorkbook
{
    public const string PeopleSheet = "人员";
    public const string TeamsSheet = "服务组";
    public const int MaxRows = 5000;

    public static readonly (string Key, string Chinese, string English)[] PeopleColumns =
    [
        ("Name", "姓名", "Name"), ("Email", "邮箱", "Email"), ("Roles", "角色", "Roles"),
        ("InspectorType", "检查员类型", "InspectorType"), ("Years", "从业年限", "Years"), ("Account", "创建账户", "Account"),
        ("Projects", "可检查项目", "InspectableProjects"),
    ];

    public static readonly (string Key, string Chinese, string English)[] TeamColumns =
    [
        ("Project", "项目", "Project"), ("Customer", "客户", "Customer"), ("Team", "服务组", "Team"),
        ("LeadEmail", "负责人邮箱", "LeadEmail"), ("MemberEmails", "成员邮箱", "MemberEmails"),
    ];

    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；', '\n'];

    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["管理员"] = Roles.Admin,
        ["系统管理员"] = Roles.Admin,
        ["Admin"] = Roles.Admin,
        ["Administrator"] = Roles.Admin,
        ["考评经理"] = Roles.Manager,
        ["经理"] = Roles.Manager,
        ["Manager"] = Roles.Manager,
        ["服务组负责人"] = Roles.TeamLead,
        ["团队负责人"] = Roles.TeamLead,
        ["负责人"] = Roles.TeamLead,
        ["组长"] = Roles.TeamLead,
        ["TeamLead"] = Roles.TeamLead,
        ["Team lead"] = Roles.TeamLead,
        ["检查员"] = Roles.Inspector,
        ["Inspector"] = Roles.Inspector,
    };

    private static readonly Dictionary<string, InspectorType> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["项目领导"] = InspectorType.ProjectLeader,
        ["ProjectLeader"] = InspectorType.ProjectLeader,
        ["Project leader"] = InspectorType.ProjectLeader,
        ["运营负责人"] = InspectorType.OperationsLead,
        ["项目运营负责人"] = InspectorType.OperationsLead,
        ["OperationsLead"] = InspectorType.OperationsLead,
        ["Operations lead"] = InspectorType.OperationsLead,
        ["技术人员"] = InspectorType.TechnicalStaff,
        ["相关技术人员"] = InspectorType.TechnicalStaff,
        ["TechnicalStaff"] = InspectorType.TechnicalStaff,
        ["Technical staff"] = InspectorType.TechnicalStaff,
    };

    /// <summary>An empty workbook with both sheets, their headers, and a sheet of instructions.</summary>
    public static byte[] Template()
    {
        using var workbook = new XLWorkbook();
        WriteHeader(workbook.AddWorksheet(PeopleSheet), PeopleColumns);
        WriteHeader(workbook.AddWorksheet(TeamsSheet), TeamColumns);
        var help = workbook.AddWorksheet("说明");
        string[] lines =
        [
            "人员：姓名、邮箱必填；角色用逗号分隔：管理员、考评经理、服务组负责人、检查员（或 Admin, Manager, TeamLead, Inspector）。",
            "检查员类型：项目领导、运营负责人、技术人员；检查员角色必须填写类型和从业年限（0–70）。创建账户：是/否（空 = 有角色时为是）。",
            "可检查项目：检查员可以检查的项目名称，用分号、顿号或逗号分隔（; 、 ,）；留空 = 可检查任何项目。项目须已存在或在本文件“服务组”表中新建。",
            "服务组：项目（不存在则新建，需填客户）、服务组名称、负责人邮箱、成员邮箱（逗号分隔）；邮箱可指本表人员或系统中已有的人员。",
            "People: Name and Email are required; Roles comma-separated; InspectorType ProjectLeader / OperationsLead / TechnicalStaff; Account yes/no.",
            "InspectableProjects: names of the projects the inspector may inspect, separated by ; 、 or , (empty: any project); each must exist or be new in the Teams sheet.",
            "Teams: Project (created when new, with its Customer), Team, LeadEmail, MemberEmails (comma-separated), of people in this file or already known.",
            "Nothing is created until every row is correct: fix the rows listed after an import and import the file again.",
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            ExcelText.Set(help.Cell(i + 1, 1), lines[i]);
        }

        help.Column(1).Width = 140;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads the workbook after <see cref="XlsxGuard"/> has bounded it (by default the caps of
    /// <see cref="UploadOptions.SmallWorkbooks"/>): past a size cap it throws <see cref="UploadRefusedException"/>.
    /// </summary>
    public static OrganisationWorkbookContent Read(Stream stream, WorkbookLimits? limits = null)
    {
        try
        {
            XlsxGuard.Check(stream, limits ?? new UploadOptions().SmallWorkbooks);
        }
        catch (UploadRefusedException ex) when (ex.Refusal != UploadRefusal.TooLarge)
        {
            return new([], [], [Error("", 0, "", null, "Admin.Import.NotAWorkbook", "The file is not an Excel workbook (.xlsx).")]);
        }

        using var workbook = TryOpen(stream);
        if (workbook is null)
        {
            return new([], [], [Error("", 0, "", null, "Admin.Import.NotAWorkbook", "The file is not an Excel workbook (.xlsx).")]);
        }

        var errors = new List<WorkbookError>();
        var peopleSheet = Find(workbook, PeopleSheet, "People");
        var teamsSheet = Find(workbook, TeamsSheet, "Teams");
        if (peopleSheet is null && teamsSheet is null)
        {
            errors.Add(Error("", 0, "", null, "Admin.Import.NoSheets", "The workbook has neither a 人员 (People) nor a 服务组 (Teams) sheet."));
            return new([], [], errors);
        }

        var people = peopleSheet is null ? [] : ReadPeople(peopleSheet, errors);
        var teams = teamsSheet is null ? [] : ReadTeams(teamsSheet, errors);
        if (people.Count == 0 && teams.Count == 0 && errors.Count == 0)
        {
            errors.Add(Error("", 0, "", null, "Admin.Import.NoRows", "The workbook has no rows to import."));
        }

        return new(people, teams, errors);
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

    private static List<PersonRow> ReadPeople(IXLWorksheet sheet, List<WorkbookError> errors)
    {
        var rows = new List<PersonRow>();
        var columns = Header(sheet, PeopleColumns, ["Name", "Email"], errors);
        if (columns is null)
        {
            return rows;
        }

        foreach (var (number, get) in Rows(sheet, columns, errors))
        {
            var before = errors.Count;
            var name = get("Name");
            var email = get("Email");
            if (name.Length == 0)
            {
                errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Name"), null, "Admin.Import.Required", "Required."));
            }

            if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
            {
                errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Email"), email, "Admin.Import.EmailInvalid", "Not an e-mail address."));
            }

            var roles = new List<string>();
            foreach (var part in Split(get("Roles")))
            {
                if (RoleNames.TryGetValue(part, out var role))
                {
                    roles.Add(role);
                }
                else
                {
                    errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Roles"), part, "Admin.Import.UnknownRole", "Unknown role."));
                }
            }

            InspectorType? type = null;
            var typeText = get("InspectorType");
            if (typeText.Length > 0)
            {
                if (TypeNames.TryGetValue(typeText, out var t))
                {
                    type = t;
                }
                else
                {
                    errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "InspectorType"), typeText, "Admin.Import.UnknownInspectorType", "Unknown inspector type."));
                }
            }

            int? years = null;
            var yearsText = get("Years");
            if (yearsText.Length > 0)
            {
                if (int.TryParse(yearsText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 0 and <= 70)
                {
                    years = y;
                }
                else
                {
                    errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Years"), yearsText, "Admin.Import.YearsOutOfRange", "Years must be a whole number from 0 to 70."));
                }
            }

            if (roles.Contains(Roles.Inspector) && typeText.Length == 0)
            {
                errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "InspectorType"), null, "Admin.Import.InspectorNeedsType", "An inspector needs an inspector type."));
            }

            var accountText = get("Account");
            bool account;
            switch (accountText.ToLowerInvariant())
            {
                case "": account = roles.Count > 0; break;
                case "是" or "yes" or "y" or "true" or "1": account = true; break;
                case "否" or "no" or "n" or "false" or "0": account = false; break;
                default:
                    account = false;
                    errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Account"), accountText, "Admin.Import.YesNo", "Write 是 or 否 (yes or no)."));
                    break;
            }

            if (!account && roles.Count > 0 && accountText.Length > 0 && errors.Count == before)
            {
                errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Roles"), get("Roles"), "Admin.Import.RolesNeedAccount", "Roles need a sign-in account."));
            }

            var projects = Split(get("Projects")).Distinct(StringComparer.Ordinal).ToList();
            if (projects.Count > 0 && type is null && typeText.Length == 0)
            {
                errors.Add(Error(sheet.Name, number, Title(PeopleColumns, "Projects"), null, "Admin.Import.ProjectsNeedInspector", "Only an inspector (with an inspector type) can have projects to inspect."));
            }

            rows.Add(new PersonRow(number, name, email, roles.Distinct().ToList(), type, years, account) { Projects = projects });
        }

        return rows;
    }

    private static List<TeamRow> ReadTeams(IXLWorksheet sheet, List<WorkbookError> errors)
    {
        var rows = new List<TeamRow>();
        var columns = Header(sheet, TeamColumns, ["Project", "Team"], errors);
        if (columns is null)
        {
            return rows;
        }

        foreach (var (number, get) in Rows(sheet, columns, errors))
        {
            var project = get("Project");
            var team = get("Team");
            if (project.Length == 0)
            {
                errors.Add(Error(sheet.Name, number, Title(TeamColumns, "Project"), null, "Admin.Import.Required", "Required."));
            }

            if (team.Length == 0)
            {
                errors.Add(Error(sheet.Name, number, Title(TeamColumns, "Team"), null, "Admin.Import.Required", "Required."));
            }

            var lead = get("LeadEmail");
            rows.Add(new TeamRow(number, project, get("Customer"), team, lead.Length == 0 ? null : lead, Split(get("MemberEmails")).ToList()));
        }

        return rows;
    }

    private static Dictionary<string, int>? Header(IXLWorksheet sheet, (string Key, string Chinese, string English)[] spec, string[] required, List<WorkbookError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = sheet.Row(1).LastCellUsed()?.Address.ColumnNumber ?? 0;
        for (var c = 1; c <= last; c++)
        {
            var text = sheet.Cell(1, c).GetString().Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var match = spec.FirstOrDefault(s => Matches(text, s.Chinese) || Matches(text, s.English));
            if (match.Key is null)
            {
                errors.Add(Error(sheet.Name, 1, text, text, "Admin.Import.UnknownHeader", "Not a column of this sheet."));
            }
            else
            {
                columns[match.Key] = c;
            }
        }

        foreach (var key in required.Where(k => !columns.ContainsKey(k)))
        {
            errors.Add(Error(sheet.Name, 1, Title(spec, key), null, "Admin.Import.MissingHeader", "This column is missing."));
        }

        return required.All(columns.ContainsKey) ? columns : null;
    }

    private static IEnumerable<(int Row, Func<string, string> Get)> Rows(IXLWorksheet sheet, Dictionary<string, int> columns, List<WorkbookError> errors)
    {
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        if (lastRow - 1 > MaxRows)
        {
            errors.Add(Error(sheet.Name, 0, "", null, "Admin.Import.TooManyRows", $"At most {MaxRows} rows.", MaxRows));
            yield break;
        }

        for (var r = 2; r <= lastRow; r++)
        {
            var row = r;
            string Get(string key) => columns.TryGetValue(key, out var c) ? sheet.Cell(row, c).GetFormattedString().Trim() : "";
            if (columns.Keys.All(k => Get(k).Length == 0))
            {
                continue;
            }

            yield return (row, Get);
        }
    }

    private static bool Matches(string header, string name) =>
        string.Equals(header, name, StringComparison.OrdinalIgnoreCase)
        || header.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase)
        || header.StartsWith(name + "(", StringComparison.OrdinalIgnoreCase)
        || header.StartsWith(name + "（", StringComparison.OrdinalIgnoreCase);

    private static string[] Split(string text) =>
        text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IXLWorksheet? Find(XLWorkbook workbook, params string[] names) =>
        workbook.Worksheets.FirstOrDefault(w => names.Any(n => string.Equals(w.Name.Trim(), n, StringComparison.OrdinalIgnoreCase)));

    internal static string Title((string Key, string Chinese, string English)[] spec, string key) =>
        spec.First(s => s.Key == key).Chinese;

    internal static WorkbookError Error(string sheet, int row, string column, string? value, string code, string message, params object?[] arguments) =>
        new(sheet, row, column, value, code, arguments, message);

    private static void WriteHeader(IXLWorksheet sheet, (string Key, string Chinese, string English)[] spec)
    {
        for (var i = 0; i < spec.Length; i++)
        {
            ExcelText.Set(sheet.Cell(1, i + 1), spec[i].Chinese).Style.Font.Bold = true;
            sheet.Column(i + 1).Width = 22;
        }

        sheet.SheetView.FreezeRows(1);
    }
}
