using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatClean.Infrastructure.Persistence.Migrations.MySql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "es_events",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false),
                    stream_id = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<string>(type: "varchar(36)", maxLength: 36, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    event_type = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    data = table.Column<string>(type: "longtext", nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    metadata = table.Column<string>(type: "longtext", nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "binary(32)", fixedLength: true, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_es_events", x => x.position);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "es_log_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false),
                    last_position = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<byte[]>(type: "binary(32)", fixedLength: true, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_es_log_head", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "projection_checkpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projection_checkpoints", x => x.name);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    token_hash = table.Column<string>(type: "char(64)", fixedLength: true, maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    user_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    family_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    created_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    expires_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    used_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refresh_tokens", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "rm_agent_sessions",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    session = table.Column<int>(type: "int", nullable: false),
                    agent_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    conversation_started_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    started_by = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    episode = table.Column<int>(type: "int", nullable: true),
                    started_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    ended_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    ended_by = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    first_agent_message_at = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_agent_sessions", x => new { x.conversation_id, x.session });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "rm_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    customer_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    agent_id = table.Column<Guid>(type: "char(36)", nullable: true, collation: "ascii_general_ci"),
                    mode = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    subject = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    started_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    closed_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    closed_by = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    last_message_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    message_count = table.Column<int>(type: "int", nullable: false),
                    customer_messages = table.Column<int>(type: "int", nullable: false),
                    ai_messages = table.Column<int>(type: "int", nullable: false),
                    agent_messages = table.Column<int>(type: "int", nullable: false),
                    system_messages = table.Column<int>(type: "int", nullable: false),
                    first_customer_message_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    first_ai_reply_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    handoff_count = table.Column<int>(type: "int", nullable: false),
                    first_handoff_reason = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    takeover_count = table.Column<int>(type: "int", nullable: false),
                    current_episode = table.Column<int>(type: "int", nullable: false),
                    waiting_reason = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    waiting_since = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    feedback_rating = table.Column<int>(type: "int", nullable: true),
                    feedback_comment = table.Column<string>(type: "varchar(2000)", maxLength: 2000, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    feedback_at = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_conversations", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "rm_daily_stats",
                columns: table => new
                {
                    day = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    conversations = table.Column<int>(type: "int", nullable: false),
                    conversations_with_customer_message = table.Column<int>(type: "int", nullable: false),
                    conversations_with_handoff = table.Column<int>(type: "int", nullable: false),
                    customer_messages = table.Column<int>(type: "int", nullable: false),
                    ai_messages = table.Column<int>(type: "int", nullable: false),
                    agent_messages = table.Column<int>(type: "int", nullable: false),
                    system_messages = table.Column<int>(type: "int", nullable: false),
                    episodes = table.Column<int>(type: "int", nullable: false),
                    episodes_taken_over = table.Column<int>(type: "int", nullable: false),
                    episodes_timed_out = table.Column<int>(type: "int", nullable: false),
                    episodes_cancelled = table.Column<int>(type: "int", nullable: false),
                    episodes_closed = table.Column<int>(type: "int", nullable: false),
                    closed_conversations = table.Column<int>(type: "int", nullable: false),
                    ai_resolved_conversations = table.Column<int>(type: "int", nullable: false),
                    feedback_count = table.Column<int>(type: "int", nullable: false),
                    feedback_sum = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_daily_stats", x => x.day);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "rm_messages",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    message_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    sender = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    sender_id = table.Column<Guid>(type: "char(36)", nullable: true, collation: "ascii_general_ci"),
                    body = table.Column<string>(type: "varchar(4000)", maxLength: 4000, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    client_message_id = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    posted_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_messages", x => new { x.conversation_id, x.seq });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "rm_waiting_episodes",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    episode = table.Column<int>(type: "int", nullable: false),
                    customer_id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    conversation_started_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    reason = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    requested_at = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    ended_at = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    outcome = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    agent_id = table.Column<Guid>(type: "char(36)", nullable: true, collation: "ascii_general_ci"),
                    first_agent_message_at = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_waiting_episodes", x => new { x.conversation_id, x.episode });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    username = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    display_name = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    role = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    password_hash = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    is_disabled = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.InsertData(
                table: "es_log_head",
                columns: new[] { "id", "last_hash", "last_position" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "ux_es_events_stream_event_id",
                table: "es_events",
                columns: new[] { "stream_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_es_events_stream_revision",
                table: "es_events",
                columns: new[] { "stream_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_family",
                table: "refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_user",
                table: "refresh_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rm_agent_sessions_agent_open",
                table: "rm_agent_sessions",
                columns: new[] { "agent_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rm_agent_sessions_conversation_started",
                table: "rm_agent_sessions",
                column: "conversation_started_at");

            migrationBuilder.CreateIndex(
                name: "ix_rm_conversations_agent_started",
                table: "rm_conversations",
                columns: new[] { "agent_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rm_conversations_customer_started",
                table: "rm_conversations",
                columns: new[] { "customer_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rm_conversations_mode_started",
                table: "rm_conversations",
                columns: new[] { "mode", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rm_conversations_started",
                table: "rm_conversations",
                columns: new[] { "started_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ft_rm_messages_body",
                table: "rm_messages",
                column: "body")
                .Annotation("MySql:FullTextIndex", true);

            migrationBuilder.CreateIndex(
                name: "ux_rm_messages_message_id",
                table: "rm_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rm_waiting_episodes_conversation_started",
                table: "rm_waiting_episodes",
                column: "conversation_started_at");

            migrationBuilder.CreateIndex(
                name: "ix_rm_waiting_episodes_open",
                table: "rm_waiting_episodes",
                columns: new[] { "ended_at", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_users_role",
                table: "users",
                column: "role");

            migrationBuilder.CreateIndex(
                name: "ux_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "es_events");

            migrationBuilder.DropTable(
                name: "es_log_head");

            migrationBuilder.DropTable(
                name: "projection_checkpoints");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "rm_agent_sessions");

            migrationBuilder.DropTable(
                name: "rm_conversations");

            migrationBuilder.DropTable(
                name: "rm_daily_stats");

            migrationBuilder.DropTable(
                name: "rm_messages");

            migrationBuilder.DropTable(
                name: "rm_waiting_episodes");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
