using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceReview.Infrastructure.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CountsTowardBias = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferencePersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RevealedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsReference = table.Column<bool>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    TotalBeforeVeto = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    CalibrationExerciseId = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    Pass = table.Column<bool>(type: "INTEGER", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    NotApplicable = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    CalibrationScoreId = table.Column<int>(type: "INTEGER", nullable: true)
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
