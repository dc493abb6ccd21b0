using System.Globalization;

namespace ServiceReview.Web.Tests.Admin;

internal static class AdminTestData
{
    public const string AdminEmail = "admin@demo.local";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static List<KeyValuePair<string, string>> Person(string name, string email, string[] roles, string? inspectorType = null, int? years = null, bool account = true, string? password = null, Guid version = default)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("DisplayName", name),
            new("Email", email),
            new("HasAccount", account ? "true" : "false"),
            new("ConcurrencyStamp", version.ToString()),
        };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Roles", r)));
        if (inspectorType is not null)
        {
            fields.Add(new("InspectorType", inspectorType));
            fields.Add(new("YearsOfExperience", (years ?? 0).ToString(CultureInfo.InvariantCulture)));
        }

        if (password is not null)
        {
            fields.Add(new("Password", password));
        }

        return fields;
    }

    public static int IdFromLocation(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0], CultureInfo.InvariantCulture);
}
