using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace ServiceReview.Web.Tests.Localisation;

/// <summary>
/// Every refusal the domain or a use case can raise reaches the user in their language: each code used in
/// the source has an <c>Error.{Code}</c> text in both resource files.
/// </summary>
public sealed partial class Domain_error_codes
{
    private static readonly ResourceManager Resources =
        new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Fact]
    public void Each_code_raised_in_the_source_has_a_Chinese_and_an_English_text()
    {
        var codes = CodesInSource();
        Assert.True(codes.Count > 50, $"Found only {codes.Count} codes: is the source scan still finding them?");

        var missing = codes
            .Where(code => Resources.GetString("Error." + code, CultureInfo.GetCultureInfo("zh-CN")) is null
                || Resources.GetString("Error." + code, CultureInfo.InvariantCulture) is null)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "No Error.{Code} text for: " + string.Join(", ", missing));
    }

    private static HashSet<string> CodesInSource()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ServiceReview.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "ServiceReview.Core", "ServiceReview.Infrastructure", "ServiceReview.Web" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "src", project), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in CodePattern().Matches(File.ReadAllText(file)))
                {
                    codes.Add(match.Groups["code"].Value);
                }
            }
        }

        return codes;
    }

    // The first argument of a DomainException, a PlanProblem, or a target-typed new(...) of either.
    [GeneratedRegex("""(?:DomainException|PlanProblem|new)\(\s*"(?<code>[A-Z][a-z]+\.[A-Z][A-Za-z]+)"\s*,""")]
    private static partial Regex CodePattern();
}
