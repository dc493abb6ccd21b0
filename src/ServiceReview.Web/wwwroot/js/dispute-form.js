// The lead's review page (issue #14): each indicator row has its own 申诉 control (<details>). While a control is open
// its row is ticked (Items[i].Selected is sent) and its reason is required; a closed control sends nothing, so closing
// it withdraws that row. Without this script the page still works: a row with a reason or files is disputed.
(function () {
    "use strict";
    var form = document.querySelector('form[data-dispute-form]');
    if (!form) {
        return;
    }

    var controls = form.querySelectorAll('details[data-dispute-control]');
    controls.forEach(function (details) {
        var sync = function () {
            var open = details.open;
            details.querySelectorAll('[data-dispute-selected], textarea, input[type=file]').forEach(function (field) {
                field.disabled = !open;
            });
            var reason = details.querySelector('textarea');
            if (reason) {
                reason.required = open;
            }
        };
        details.addEventListener('toggle', function () {
            sync();
            if (details.open) {
                var reason = details.querySelector('textarea');
                if (reason && !reason.value) {
                    reason.focus();
                }
            }
        });
        sync();
    });

    // The submit button sits outside the form (form="dispute-form"): one request per click.
    var buttons = document.querySelectorAll('button[form="' + form.id + '"]');
    form.addEventListener('submit', function () {
        window.setTimeout(function () {
            buttons.forEach(function (b) { b.disabled = true; });
        }, 0);
    });

    // After a refusal the page comes back with the errors at their rows: bring the first one into view.
    var invalid = form.querySelector('.is-invalid');
    if (invalid) {
        invalid.focus();
    }
})();
