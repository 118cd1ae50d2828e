using System.Net;
using ChatClean.TestSupport;
using MySqlConnector;

namespace ChatClean.WebApi.IntegrationTests.ReadModels;

/// <summary>
/// Several nodes project into the same read models; the checkpoint row says whose turn it is. A node that finds the
/// row locked by another does not queue behind that node's transaction, and if that node stops without applying
/// what it read, this node applies it.
/// </summary>
public sealed class ProjectionTurnTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Fact]
    public async Task A_node_never_waits_behind_another_nodes_projection_and_applies_what_a_stopped_node_left()
    {
        using var customer = await api.RegisterCustomerAsync();
        await TestConversations.StartAsync(customer); // the read models have a checkpoint row and are live

        // "Another node" takes the read models' turn and stops there, its transaction open.
        await using var other = new MySqlConnection(api.Database.ConnectionString);
        await other.OpenAsync();
        await using var turn = await other.BeginTransactionAsync();
        await using (var take = new MySqlCommand("SELECT position FROM projection_checkpoints WHERE name = 'read-models' FOR UPDATE", other, turn))
        {
            await take.ExecuteScalarAsync();
        }

        var id = await TestConversations.StartAsync(customer);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        (await LockWaitsAsync()).ShouldBe(0, "no transaction of this node waits behind the other node's turn");
        (await ProjectedAsync(id)).ShouldBeFalse("the other node holds the turn");

        // The other node goes away without applying anything: this node applies what it left.
        await turn.RollbackAsync();
        await Eventually.ReturnsAsync(() => ProjectedAsync(id), projected => projected, TimeSpan.FromSeconds(10), "this node to apply the events the other node left");
        (await customer.Http.GetAsync($"/api/v1/conversations/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<long> LockWaitsAsync()
    {
        await using var connection = new MySqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id " +
            "WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<bool> ProjectedAsync(string id)
    {
        await using var connection = new MySqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM rm_conversations WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
