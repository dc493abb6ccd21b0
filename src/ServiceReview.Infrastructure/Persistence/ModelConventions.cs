using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceReview.Core.Common;

namespace ServiceReview.Infrastructure.Persistence;

internal static class ModelConventions
{
    /// <summary>
    /// Enums are stored by name (readable in SQL, safe when members are reordered). [Flags] enums stay numbers.
    /// </summary>
    public static void StoreEnumsAsText(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (!type.IsEnum || type.IsDefined(typeof(FlagsAttribute), false) || property.GetValueConverter() is not null)
            {
                continue;
            }

            var converter = (ValueConverter)Activator.CreateInstance(typeof(EnumToStringConverter<>).MakeGenericType(type), [null])!;
            property.SetValueConverter(converter);
            property.SetMaxLength(40);
        }
    }

    /// <summary>An application-managed Guid token: works the same on SQLite (which ignores rowversion), SQL Server and PostgreSQL.</summary>
    public static void UseConcurrencyStamps(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(IConcurrencyStamped).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).Property(nameof(IConcurrencyStamped.ConcurrencyStamp)).IsConcurrencyToken();
        }
    }
}
