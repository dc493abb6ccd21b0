// The bias chart of the accuracy page: each inspector's mean difference from the other inspectors of the same teams,
// with its 95 % interval, on a horizontal axis with 0 and the flag bound marked. The same numbers are in the table.
(function () {
    "use strict";

    var canvas = document.getElementById("bias-chart");
    var data = document.getElementById("bias-data");
    if (!canvas || !data || typeof Chart === "undefined") {
        return;
    }

    var rows = JSON.parse(data.textContent);
    var bound = parseFloat(canvas.dataset.bound);
    function colour(flag, alpha) {
        if (flag === "Lenient") { return "rgba(220, 120, 0, " + alpha + ")"; }
        if (flag === "Severe") { return "rgba(0, 110, 200, " + alpha + ")"; }
        return "rgba(108, 117, 125, " + alpha + ")";
    }

    // Vertical lines at 0 (solid) and at ± the bound (dashed).
    var guides = {
        id: "guides",
        afterDatasetsDraw: function (chart) {
            var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
            [[0, []], [bound, [4, 4]], [-bound, [4, 4]]].forEach(function (g) {
                var px = x.getPixelForValue(g[0]);
                if (px < area.left || px > area.right) { return; }
                ctx.save();
                ctx.strokeStyle = g[0] === 0 ? "#212529" : "#adb5bd";
                ctx.setLineDash(g[1]);
                ctx.beginPath();
                ctx.moveTo(px, area.top);
                ctx.lineTo(px, area.bottom);
                ctx.stroke();
                ctx.restore();
            });
        }
    };

    var extent = rows.reduce(function (m, r) {
        return Math.max(m, Math.abs(r.low === null ? r.mean : r.low), Math.abs(r.high === null ? r.mean : r.high));
    }, bound + 1);
    extent = Math.ceil(extent + 1);

    new Chart(canvas, {
        type: "bar",
        data: {
            labels: rows.map(function (r) { return r.name; }),
            datasets: [
                {
                    type: "scatter",
                    label: canvas.dataset.labelMean,
                    data: rows.map(function (r, i) { return { x: r.mean, y: i }; }),
                    backgroundColor: rows.map(function (r) { return colour(r.flag, 1); }),
                    pointRadius: 6,
                    pointStyle: "rectRot"
                },
                {
                    label: canvas.dataset.labelCi,
                    data: rows.map(function (r) { return r.low === null ? null : [r.low, r.high]; }),
                    backgroundColor: rows.map(function (r) { return colour(r.flag, 0.3); }),
                    borderColor: rows.map(function (r) { return colour(r.flag, 0.9); }),
                    borderWidth: 1,
                    barPercentage: 0.35
                }
            ]
        },
        options: {
            indexAxis: "y",
            maintainAspectRatio: false,
            animation: false,
            scales: {
                x: { min: -extent, max: extent, title: { display: true, text: canvas.dataset.labelAxis } },
                y: { type: "category" }
            },
            plugins: {
                legend: { position: "bottom" },
                tooltip: {
                    callbacks: {
                        label: function (item) {
                            var r = rows[item.dataIndex];
                            return item.datasetIndex === 0
                                ? canvas.dataset.labelMean + ": " + r.mean.toFixed(1)
                                : canvas.dataset.labelCi + ": " + (r.low === null ? "—" : r.low.toFixed(1) + " … " + r.high.toFixed(1));
                        }
                    }
                }
            }
        },
        plugins: [guides]
    });
})();
