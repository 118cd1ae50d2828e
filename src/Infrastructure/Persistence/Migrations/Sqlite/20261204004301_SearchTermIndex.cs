using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatClean.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchTermIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rm_search_terms",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    term = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_search_terms", x => new { x.conversation_id, x.term });
                });

            migrationBuilder.CreateIndex(
                name: "ix_rm_search_terms_term_started",
                table: "rm_search_terms",
                columns: new[] { "term", "started_at", "conversation_id" });

            // The index is filled by the read-model projection: replay the log into every read model (ADR 17).
            migrationBuilder.Sql("UPDATE projection_checkpoints SET position = 0 WHERE name = 'read-models';");
            foreach (var table in new[] { "rm_messages", "rm_waiting_episodes", "rm_agent_sessions", "rm_daily_stats", "rm_conversations" })
            {
                migrationBuilder.Sql($"DELETE FROM {table};");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rm_search_terms");
        }
    }
}
