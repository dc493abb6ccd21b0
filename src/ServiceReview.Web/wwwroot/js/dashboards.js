// Draws the dashboards' charts from the data-chart attribute each canvas carries (DashboardCharts.Json).
// The numbers come from the server; this file only draws them. Chart.js is vendored under wwwroot/lib.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }

    var palette = ['#0d6efd', '#198754', '#fd7e14', '#6f42c1', '#dc3545', '#20c997', '#6c757d', '#ffc107'];
    var gradeColours = ['#198754', '#0d6efd', '#ffc107', '#dc3545', '#adb5bd'];

    // Vertical dashed lines where the plan version changed (markers are label indices).
    var markerPlugin = {
        id: 'planMarkers',
        afterDatasetsDraw: function (chart, args, options) {
            var markers = options && options.markers;
            if (!markers || !markers.length) {
                return;
            }
            var ctx = chart.ctx;
            var x = chart.scales.x;
            var area = chart.chartArea;
            ctx.save();
            ctx.strokeStyle = '#dc3545';
            ctx.fillStyle = '#dc3545';
            ctx.setLineDash([5, 4]);
            ctx.font = '12px sans-serif';
            markers.forEach(function (index) {
                var px = (x.getPixelForValue(index - 1) + x.getPixelForValue(index)) / 2;
                ctx.beginPath();
                ctx.moveTo(px, area.top);
                ctx.lineTo(px, area.bottom);
                ctx.stroke();
                if (options.label) {
                    ctx.fillText(options.label, px + 4, area.top + 12);
                }
            });
            ctx.restore();
        }
    };

    // Each bar or slice carries its value (spec.valueLabels), with the unit, so the chart reads at a glance.
    var valueLabelPlugin = {
        id: 'valueLabels',
        afterDatasetsDraw: function (chart, args, options) {
            if (!options || !options.enabled) {
                return;
            }
            var ctx = chart.ctx;
            ctx.save();
            ctx.font = '12px sans-serif';
            chart.data.datasets.forEach(function (dataset, di) {
                var meta = chart.getDatasetMeta(di);
                if (meta.hidden) {
                    return;
                }
                meta.data.forEach(function (element, i) {
                    var value = dataset.data[i];
                    if (value === null || value === undefined || value === 0) {
                        return;
                    }
                    var text = format(value, options.unit);
                    var p = element.tooltipPosition();
                    if (chart.config.type === 'doughnut') {
                        ctx.fillStyle = '#fff';
                        ctx.textAlign = 'center';
                        ctx.textBaseline = 'middle';
                        ctx.fillText(text, p.x, p.y);
                    } else if (options.stacked) {
                        // A segment of a stacked bar: its value in its middle.
                        ctx.fillStyle = '#fff';
                        ctx.textAlign = 'center';
                        ctx.textBaseline = 'middle';
                        ctx.fillText(text, options.horizontal ? (element.x + element.base) / 2 : p.x, options.horizontal ? p.y : (element.y + element.base) / 2);
                    } else if (options.horizontal) {
                        ctx.fillStyle = '#212529';
                        ctx.textAlign = 'left';
                        ctx.textBaseline = 'middle';
                        ctx.fillText(text, p.x + 4, p.y);
                    } else {
                        ctx.fillStyle = '#212529';
                        ctx.textAlign = 'center';
                        ctx.textBaseline = 'bottom';
                        ctx.fillText(text, p.x, p.y - 2);
                    }
                });
            });
            ctx.restore();
        }
    };

    var locale = document.documentElement.lang || undefined;
    function format(value, unit) {
        return Number(value).toLocaleString(locale, { maximumFractionDigits: 1 }) + (unit || '');
    }

    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var spec = JSON.parse(canvas.getAttribute('data-chart'));
        var type = spec.type;
        var datasets = spec.series.map(function (s, i) {
            var colour = palette[i % palette.length];
            var ds = { label: s.label, data: s.values, borderColor: colour, backgroundColor: colour };
            if (type === 'doughnut') {
                ds.backgroundColor = spec.labels.map(function (_, j) { return gradeColours[j % gradeColours.length]; });
                ds.borderColor = '#fff';
            } else if (type === 'radar') {
                ds.backgroundColor = 'rgba(13,110,253,0.2)';
            } else if (type === 'line') {
                ds.tension = 0;
                ds.spanGaps = true;
                ds.pointRadius = 4;
                if (s.dashed) { ds.borderDash = [6, 4]; }
            }
            return ds;
        });
        var options = {
            responsive: true,
            maintainAspectRatio: false,
            plugins: {
                legend: { display: type !== 'bar' || spec.series.length > 1, position: 'bottom' },
                planMarkers: { markers: spec.markers, label: spec.markerLabel },
                valueLabels: { enabled: !!spec.valueLabels, unit: spec.unit, horizontal: !!spec.horizontal, stacked: spec.series.length > 1 },
                tooltip: {
                    callbacks: {
                        label: function (item) {
                            var label = spec.type === 'doughnut' ? item.label : item.dataset.label;
                            return (label ? label + ': ' : '') + format(item.raw, spec.unit);
                        }
                    }
                }
            }
        };
        // The server may name each point more fully than its axis label (a trend's round and period in English).
        if (spec.titles) {
            options.plugins.tooltip.callbacks.title = function (items) {
                return items.length ? spec.titles[items[0].dataIndex] : '';
            };
        }
        // Counts are whole numbers: no 0.1 … 1.0 on a count axis.
        var ticks = { precision: spec.wholeNumbers ? 0 : undefined, callback: function (v) { return format(v, spec.unit); } };
        if (spec.wholeNumbers) {
            ticks.stepSize = 1;
        }
        if (type === 'bar') {
            options.indexAxis = spec.horizontal ? 'y' : 'x';
            var valueAxis = spec.horizontal ? 'x' : 'y';
            options.scales = {};
            options.scales[valueAxis] = { beginAtZero: true, stacked: spec.series.length > 1, ticks: ticks };
            options.scales[spec.horizontal ? 'y' : 'x'] = { stacked: spec.series.length > 1 };
            if (spec.max) { options.scales[valueAxis].max = spec.max; }
        } else if (type === 'line') {
            options.scales = { y: { beginAtZero: true, ticks: ticks } };
            if (spec.max) { options.scales.y.max = spec.max; }
        } else if (type === 'radar') {
            options.scales = { r: { beginAtZero: true, max: spec.max || undefined, ticks: ticks } };
        }
        new Chart(canvas, { type: type, data: { labels: spec.labels, datasets: datasets }, options: options, plugins: [markerPlugin, valueLabelPlugin] });
    });
})();
