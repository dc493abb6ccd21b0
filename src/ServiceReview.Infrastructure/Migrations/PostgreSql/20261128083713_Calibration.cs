using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceReview.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Calibration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalibrationExercises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    PlanVersionId = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    CountsTowardBias = table.Column<bool>(type: "boolean", nullable: false),
                    ReferencePersonId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RevealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationExercises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalibrationExercises_People_ReferencePersonId",
                        column: x => x.ReferencePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalibrationExercises_PlanVersions_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "PlanVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalibrationExercises_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CalibrationScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    IsReference = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    TotalBeforeVeto = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    CalibrationExerciseId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalibrationScores_CalibrationExercises_CalibrationExerciseId",
                        column: x => x.CalibrationExerciseId,
                        principalTable: "CalibrationExercises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CalibrationScores_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CalibrationEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IndicatorCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    Pass = table.Column<bool>(type: "boolean", nullable: true),
                    Level = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    NotApplicable = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Points = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    CalibrationScoreId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalibrationEntries_CalibrationScores_CalibrationScoreId",
                        column: x => x.CalibrationScoreId,
                        principalTable: "CalibrationScores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationEntries_CalibrationScoreId_IndicatorCode",
                table: "CalibrationEntries",
                columns: new[] { "CalibrationScoreId", "IndicatorCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationExercises_PlanVersionId",
                table: "CalibrationExercises",
                column: "PlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationExercises_ReferencePersonId",
                table: "CalibrationExercises",
                column: "ReferencePersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationExercises_Status_PeriodStart",
                table: "CalibrationExercises",
                columns: new[] { "Status", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationExercises_TeamId",
                table: "CalibrationExercises",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationScores_CalibrationExerciseId_PersonId",
                table: "CalibrationScores",
                columns: new[] { "CalibrationExerciseId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalibrationScores_PersonId",
                table: "CalibrationScores",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationEntries");

            migrationBuilder.DropTable(
                name: "CalibrationScores");

            migrationBuilder.DropTable(
                name: "CalibrationExercises");
        }
    }
}
