using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatClean.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class PayloadDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "payload_digests_from",
                table: "es_log_head",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // A log written before payload digests keeps its hashes: digests start after its last event (1 when empty).
            migrationBuilder.Sql("UPDATE es_log_head SET payload_digests_from = last_position + 1 WHERE id = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "payload_digests_from",
                table: "es_log_head");
        }
    }
}
