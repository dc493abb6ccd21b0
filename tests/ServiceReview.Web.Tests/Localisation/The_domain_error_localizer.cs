using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Moq;
using ServiceReview.Core.Common;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Tests.Localisation;

public sealed class The_domain_error_localizer
{
    [Fact]
    public void Translates_a_code_through_its_Error_resource_in_the_current_culture()
    {
        var localizer = RealLocalizer();

        var chinese = InCulture("zh-CN", () => localizer.Localize(new DomainException()));
        var english = InCulture("en", () => localizer.Localize(new DomainException()));

        Assert.Equal("操作不符合业务规则，未能完成。", chinese);
        Assert.Equal("A rule of the system refused the operation.", english);
    }

    [Fact]
    public void Falls_back_to_the_exception_message_for_a_code_without_a_resource()
    {
        var exception = new DomainException("Round.NoSuchThing", "Round 7 has no such thing.");

        var message = InCulture("zh-CN", () => RealLocalizer().Localize(exception));

        Assert.Equal("Round 7 has no such thing.", message);
    }

    [Fact]
    public void Fills_the_placeholders_with_the_arguments_formatted_for_the_culture()
    {
        var strings = new Mock<IStringLocalizer<SharedResource>>();
        strings.Setup(s => s["Error.Inspection.ScoreOutOfRange"])
            .Returns(new LocalizedString("Error.Inspection.ScoreOutOfRange", "指标 {0} 的得分 {1:N1} 超出范围"));
        var exception = new DomainException("Inspection.ScoreOutOfRange", "Score out of range.", "1.1", 1234.5m);

        var message = InCulture("zh-CN", () => new DomainErrorLocalizer(strings.Object).Localize(exception));

        Assert.Equal("指标 1.1 的得分 1,234.5 超出范围", message);
    }

    private static DomainErrorLocalizer RealLocalizer()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return new DomainErrorLocalizer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    private static T InCulture<T>(string culture, Func<T> action)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
