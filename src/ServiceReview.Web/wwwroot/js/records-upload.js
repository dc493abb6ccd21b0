// The service-records upload form: one submission only, and the progress note shows while the file uploads.
(function () {
    "use strict";
    document.querySelector('form[enctype]')?.addEventListener('submit', function (e) {
        const button = e.target.querySelector('[data-submit-once]');
        if (button.disabled) { e.preventDefault(); return; }
        button.disabled = true;
        document.getElementById('import-progress').classList.remove('d-none');
    });
})();
