using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatClean.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "es_events",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    stream_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", fixedLength: true, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_es_events", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "es_log_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_position = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<byte[]>(type: "BLOB", fixedLength: true, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_es_log_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "projection_checkpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projection_checkpoints", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refresh_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rm_agent_sessions",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session = table.Column<int>(type: "INTEGER", nullable: false),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    episode = table.Column<int>(type: "INTEGER", nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ended_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    first_agent_message_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_agent_sessions", x => new { x.conversation_id, x.session });
                });

            migrationBuilder.CreateTable(
                name: "rm_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    last_message_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    message_count = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    ai_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    agent_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    system_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    first_customer_message_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    first_ai_reply_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    handoff_count = table.Column<int>(type: "INTEGER", nullable: false),
                    first_handoff_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    takeover_count = table.Column<int>(type: "INTEGER", nullable: false),
                    current_episode = table.Column<int>(type: "INTEGER", nullable: false),
                    waiting_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    waiting_since = table.Column<DateTime>(type: "TEXT", nullable: true),
                    feedback_rating = table.Column<int>(type: "INTEGER", nullable: true),
                    feedback_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    feedback_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rm_daily_stats",
                columns: table => new
                {
                    day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    conversations_with_customer_message = table.Column<int>(type: "INTEGER", nullable: false),
                    conversations_with_handoff = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    ai_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    agent_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    system_messages = table.Column<int>(type: "INTEGER", nullable: false),
                    episodes = table.Column<int>(type: "INTEGER", nullable: false),
                    episodes_taken_over = table.Column<int>(type: "INTEGER", nullable: false),
                    episodes_timed_out = table.Column<int>(type: "INTEGER", nullable: false),
                    episodes_cancelled = table.Column<int>(type: "INTEGER", nullable: false),
                    episodes_closed = table.Column<int>(type: "INTEGER", nullable: false),
                    closed_conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    ai_resolved_conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    feedback_count = table.Column<int>(type: "INTEGER", nullable: false),
                    feedback_sum = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_daily_stats", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "rm_messages",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sender = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sender_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    client_message_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    posted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_messages", x => new { x.conversation_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "rm_waiting_episodes",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    first_agent_message_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_waiting_episodes", x => new { x.conversation_id, x.episode });
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

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
