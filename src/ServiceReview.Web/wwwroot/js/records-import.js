// Polls a background import's status (GET /api/service-records/imports/{id}) and moves the progress bar; when the
// import is done, opens the result page (the error list, or the team's records with a status message).
(function () {
    const box = document.getElementById('import-job');
    if (!box) { return; }
    const bar = document.getElementById('import-bar');
    const fill = bar.querySelector('.progress-bar');
    const phase = document.getElementById('import-phase');
    const set = (id, value) => { document.getElementById(id).textContent = value; };

    async function poll() {
        try {
            const response = await fetch(box.dataset.statusUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const s = await response.json();
                bar.setAttribute('aria-valuenow', s.percent);
                fill.style.width = s.percent + '%';
                fill.textContent = s.percent + '%';
                set('import-rows', s.rowsRead);
                set('import-errors', s.errors);
                set('import-written', s.imported);
                phase.textContent = s.done ? box.dataset.textDone
                    : s.state === 'Writing' ? box.dataset.textWriting
                    : s.state === 'Reading' ? box.dataset.textReading : box.dataset.textQueued;
                if (s.state !== 'Queued') { document.getElementById('import-cancel')?.remove(); }
                if (s.done) { window.location.assign(box.dataset.resultUrl); return; }
            } else if (response.status === 404) {
                window.location.assign(box.dataset.resultUrl);
                return;
            }
        } catch (e) {
            // A dropped connection: keep polling.
        }
        window.setTimeout(poll, 700);
    }

    poll();
})();
