using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceReview.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StoredRoundResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredRoundResults",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Teams = table.Column<int>(type: "integer", nullable: false),
                    WithResult = table.Column<int>(type: "integer", nullable: false),
                    Figures = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredRoundResults", x => x.RoundId);
                    table.ForeignKey(
                        name: "FK_StoredRoundResults_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredTeamResults",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Grade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    Trimmed = table.Column<bool>(type: "boolean", nullable: false),
                    MiddleAloneDecides = table.Column<bool>(type: "boolean", nullable: false),
                    ConfirmedCount = table.Column<int>(type: "integer", nullable: false),
                    AssignedCount = table.Column<int>(type: "integer", nullable: false),
                    Figures = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredTeamResults", x => new { x.RoundId, x.TeamId });
                    table.ForeignKey(
                        name: "FK_StoredTeamResults_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StoredTeamResults_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredTeamResults_RoundId_Rank",
                table: "StoredTeamResults",
                columns: new[] { "RoundId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredTeamResults_TeamId_Grade",
                table: "StoredTeamResults",
                columns: new[] { "TeamId", "Grade" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredRoundResults");

            migrationBuilder.DropTable(
                name: "StoredTeamResults");
        }
    }
}
