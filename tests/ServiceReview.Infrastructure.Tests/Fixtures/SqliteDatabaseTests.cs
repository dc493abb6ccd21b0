using Microsoft.Data.Sqlite;

namespace ServiceReview.Infrastructure.Tests.Fixtures;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public void Database_lives_in_its_own_file_and_is_deleted_on_dispose()
    {
        string path;
        using (var database = new SqliteDatabase())
        {
            path = database.FilePath;
            using (var connection = new SqliteConnection(database.ConnectionString))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "create table marker (id integer primary key); insert into marker values (1);";
                command.ExecuteNonQuery();
            }

            Assert.True(File.Exists(path));
            using var context = database.CreateDbContext();
            Assert.True(context.Database.CanConnect());
        }

        Assert.False(File.Exists(path));
    }
}
