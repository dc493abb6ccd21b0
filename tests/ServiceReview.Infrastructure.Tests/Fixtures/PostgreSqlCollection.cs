namespace ServiceReview.Infrastructure.Tests.Fixtures;

/// <summary>One PostgreSQL server for every test class in <c>[Collection(PostgreSqlCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
