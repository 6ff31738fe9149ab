// Source: github.com/MicrosoftDocs/sql-docs — docs/connect/ado-net/step-4-connect-resiliently-sql-ado-net.md
// Original: for (int tries = 1; tries <= totalNumberOfTimesToTry; tries++) { try { ...; AccessDatabase(); succeeded = true; break; } catch (QC.SqlException sqlExc) { if (TransientErrorNumbers.Contains(sqlExc.Number)) continue; ... } }
// AccessDatabase opens its own connection and only reads.
using QC = Microsoft.Data.SqlClient;

public partial class RetryAdo2
{
    [Retry(MaxRetries = 3, BaseDelayMs = 10_000)]
    public partial void AccessDatabase();
    private void AccessDatabaseCore()
    {
        using (var sqlConnection = new QC.SqlConnection(GetSqlConnectionString()))
        {
            using (var dbCommand = sqlConnection.CreateCommand())
            {
                dbCommand.CommandText = @"
SELECT TOP 3
    ob.name,
    CAST(ob.object_id as nvarchar(32)) as [object_id]
  FROM sys.objects as ob
  WHERE ob.type='IT'
  ORDER BY ob.name;";

                sqlConnection.Open();
                var dataReader = dbCommand.ExecuteReader();

                while (dataReader.Read())
                {
                    Console.WriteLine("{0}\t{1}", dataReader.GetString(0), dataReader.GetString(1));
                }
            }
        }
    }

    private static string GetSqlConnectionString() => "Server=tcp:myazuresqldbserver.database.windows.net,1433;Initial Catalog=MyDatabase";
}
