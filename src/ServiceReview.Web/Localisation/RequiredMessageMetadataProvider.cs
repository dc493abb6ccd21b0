using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ServiceReview.Web.Localisation;

/// <summary>
/// Gives every [Required] without its own message, and the [Required] that MVC implies for non-nullable
/// properties (a bool check box, an int), the resource key <c>Validation.Required</c>. Without it those
/// messages stay in English ("The X field is required.") whatever the culture.
/// </summary>
public sealed class RequiredMessageMetadataProvider : IValidationMetadataProvider
{
    public const string RequiredKey = "Validation.Required";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.MetadataKind != ModelMetadataKind.Property)
        {
            return;
        }

        var validators = context.ValidationMetadata.ValidatorMetadata;
        var type = context.Key.ModelType;
        if (type.IsValueType && Nullable.GetUnderlyingType(type) is null && !validators.OfType<RequiredAttribute>().Any())
        {
            validators.Add(new RequiredAttribute());
        }

        foreach (var required in validators.OfType<RequiredAttribute>())
        {
            if (string.IsNullOrEmpty(required.ErrorMessage) && required.ErrorMessageResourceType is null)
            {
                required.ErrorMessage = RequiredKey;
            }
        }
    }
}
