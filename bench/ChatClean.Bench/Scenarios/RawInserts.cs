using MySqlConnector;

namespace ChatClean.Bench;

/// <summary>
/// The baseline of every write figure: durable single-row autocommit INSERTs into a two-column table, from
/// <c>n</c> dedicated connections at once (each its own task, opened before the clock starts, one statement after
/// another), with a payload of the size of a stored event. The earlier baseline ran its writers through
/// <c>Parallel.ForEachAsync</c> without a degree of parallelism, so at most two (the core count) ran at once, and it
/// timed a fixed row count including the connections' opening: that, not the server, is why it drifted.
/// </summary>
public static class RawInserts
{
    public const string Payload =
        """{"conversationId":"01a23bb3-4bb5-709f-bf00-f6eb0d153ae3","messageId":"01a23bb3-5606-7a64-96a8-d7bbd48ea071","sender":"customer","senderId":"01a23bb3-85a9-7c11-9c1e-3a0b4c5d6e7f","body":"Where is my parcel? It should have arrived yesterday.","clientMessageId":"c-17","at":"2026-12-03T11:38:58.438814+00:00"}""";

    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new MySqlCommand("CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(1000) NOT NULL)", connection);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task<Throughput> MeasureAsync(string connectionString, int connections, TimeSpan duration) =>
        await Throughput.MeasureAsync(
            connections,
            duration,
            async _ =>
            {
                var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync();
                var insert = new MySqlCommand("INSERT INTO bench_raw (payload) VALUES (@p)", connection);
                insert.Parameters.AddWithValue("@p", Payload);
                return (connection, insert);
            },
            async (state, _) => await state.insert.ExecuteNonQueryAsync(),
            async state =>
            {
                await state.insert.DisposeAsync();
                await state.connection.DisposeAsync();
            });
}
