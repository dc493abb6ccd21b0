// Charts of the statistics page (统计分析). The numbers come from the JSON block the server rendered; each chart's
// numbers are also in a table under it, for screen readers and for copying.
(function () {
    const element = document.getElementById('stats-data');
    if (!element || typeof Chart === 'undefined') { return; }
    const d = JSON.parse(element.textContent);
    const palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#6c757d'];
    const colour = (i) => palette[i % palette.length];
    const common = { responsive: true, maintainAspectRatio: false, animation: false };

    function bars(id, labels, sets, stacked, yTitle) {
        const canvas = document.getElementById(id);
        if (!canvas) { return; }
        new Chart(canvas, {
            type: 'bar',
            data: { labels: labels, datasets: sets.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: colour(i) })) },
            options: Object.assign({}, common, {
                scales: {
                    x: { stacked: stacked },
                    y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } },
                },
            }),
        });
    }

    bars('chart-type', d.labels, d.byType, true, d.axis.records);
    bars('chart-channel', d.labels, d.byChannel, true, d.axis.records);
    bars('chart-durations', d.durationBins, d.durations, false, d.axis.records);
    bars('chart-backlog', d.ageBins, [d.backlog], false, d.axis.records);

    const onTime = document.getElementById('chart-ontime');
    if (onTime) {
        new Chart(onTime, {
            type: 'line',
            data: { labels: d.labels, datasets: d.onTime.map((s, i) => ({ label: s.label, data: s.data, borderColor: colour(i), backgroundColor: colour(i), spanGaps: true, tension: 0.2 })) },
            options: Object.assign({}, common, {
                scales: { y: { min: 0, max: 100, title: { display: true, text: d.axis.percent } } },
            }),
        });
    }
})();
