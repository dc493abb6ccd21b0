using ServiceReview.Core.Common;

namespace ServiceReview.Testing.Builders;

/// <summary>Gives an entity the id the database would give it on save.</summary>
public static class Ids
{
    public static T WithId<T>(this T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }
}
