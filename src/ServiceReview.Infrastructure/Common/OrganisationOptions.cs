using Microsoft.Extensions.Options;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Infrastructure.Common;

/// <summary>Settings under <c>Organisation</c>.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>
    /// The organisation's IANA time zone for page-level dates ("today" on the home page, round windows, timestamps);
    /// empty means Asia/Shanghai. A project's own items use the project's zone (ADR 0022).
    /// </summary>
    public string? TimeZone { get; set; }
}

/// <summary>Refuses to start with a time zone id this machine does not know, naming the setting and the id.</summary>
public sealed class OrganisationOptionsValidator : IValidateOptions<OrganisationOptions>
{
    public ValidateOptionsResult Validate(string? name, OrganisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            OrganisationClock.FindOrganisationZone(options.TimeZone);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
