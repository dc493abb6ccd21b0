// Submit buttons marked data-confirm="question" ask before their form is posted (issue #17: the main flows'
// irreversible steps say what follows). They ask in the app's own dialog (<dialog data-confirm-dialog> in
// _Layout.cshtml), not in the browser's confirm box, whose buttons speak the browser's language and cannot show which
// one is irreversible. Attributes of the asking button:
//   data-confirm         the question (required);
//   data-confirm-title   the dialog's title (default: the layout's localized "Please confirm");
//   data-confirm-ok      the confirm button's text (default: the asking button's own text, e.g. 确认结果);
//   data-confirm-danger  an irreversible step: the confirm button is red and the focus starts on Cancel.
// Without data-confirm-danger the confirm button takes the colour of the asking button (btn-outline-danger → btn-danger).
// The dialog is modal (showModal: the focus moves into it and stays there); Esc or Cancel closes it, nothing is posted,
// and the focus returns to the asking button.
//
// The check runs on the form's submit event, so Enter and Space on the focused button ask as a click does; without
// JavaScript the form posts as before (the server decides alone). The listener is on the document in the capture
// phase: the first submit is stopped before any other handler (submit-once.js, plans.js) sees it. Confirming submits
// the form again with the same button (requestSubmit); that submit passes through those handlers as any other, so
// data-once still disables the buttons, and a second submit of a confirmed form is dropped (one request).
// The layout loads this file on every page; some pages load it again, hence the guard.
(function () {
    'use strict';
    if (window.serviceReviewConfirm) {
        return;
    }
    window.serviceReviewConfirm = true;

    var dialog = document.querySelector('dialog[data-confirm-dialog]');
    var usable = dialog && typeof dialog.showModal === 'function';
    var title = usable && dialog.querySelector('[data-confirm-dialog-title]');
    var message = usable && dialog.querySelector('[data-confirm-dialog-message]');
    var cancel = usable && dialog.querySelector('[data-confirm-dialog-cancel]');
    var ok = usable && dialog.querySelector('[data-confirm-dialog-ok]');
    var pending = null; // { form, button } while the dialog is open
    var passing = null; // the button whose submit is the confirmed one, during requestSubmit

    var colour = function (button) {
        if (button.hasAttribute('data-confirm-danger')) {
            return 'danger';
        }
        var match = /(?:^|\s)btn-(?:outline-)?(primary|secondary|success|danger|warning|info|dark)(?=\s|$)/.exec(button.className);
        return match ? match[1] : 'primary';
    };

    var open = function (form, button) {
        pending = { form: form, button: button };
        var style = colour(button);
        title.textContent = button.getAttribute('data-confirm-title') || title.getAttribute('data-default');
        message.textContent = button.getAttribute('data-confirm');
        ok.textContent = button.getAttribute('data-confirm-ok')
            || button.textContent.replace(/\s+/g, ' ').trim()
            || ok.getAttribute('data-default');
        ok.className = 'btn btn-' + style;
        dialog.classList.toggle('confirm-dialog-danger', style === 'danger');
        dialog.showModal();
        (style === 'danger' ? cancel : ok).focus();
    };

    document.addEventListener('submit', function (event) {
        var button = event.submitter;
        if (!button || !button.hasAttribute('data-confirm')) {
            return;
        }
        if (passing === button) {
            event.target.setAttribute('data-confirm-sent', '');
            return;
        }
        if (!usable) {
            // No <dialog> support (or no layout): the browser's box, as before.
            if (!window.confirm(button.getAttribute('data-confirm'))) {
                event.preventDefault();
                event.stopImmediatePropagation();
            }
            return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        if (event.target.hasAttribute('data-confirm-sent') || dialog.open) {
            return;
        }
        open(event.target, button);
    }, true);

    if (!usable) {
        return;
    }

    // The answer is handled at once (a "close" event comes a task later: a second Enter could open the dialog again
    // in between and be answered by the first one's close).
    var answer = function (confirmed) {
        var asked = pending;
        pending = null;
        if (dialog.open) {
            dialog.close();
        }
        if (!asked) {
            return;
        }
        asked.button.focus();
        if (!confirmed) {
            return;
        }
        passing = asked.button;
        try {
            asked.form.requestSubmit(asked.button);
        } finally {
            passing = null;
        }
    };
    cancel.addEventListener('click', function () {
        answer(false);
    });
    ok.addEventListener('click', function () {
        answer(true);
    });
    // Esc fires "cancel" before the dialog closes.
    dialog.addEventListener('cancel', function () {
        answer(false);
    });
    // Any other way the dialog closed (say, a script): nothing is posted.
    dialog.addEventListener('close', function () {
        if (!dialog.open && pending) {
            answer(false);
        }
    });

    // Back to a page from the browser's cache: its forms may be sent again.
    window.addEventListener('pageshow', function (event) {
        if (event.persisted) {
            document.querySelectorAll('form[data-confirm-sent]').forEach(function (form) {
                form.removeAttribute('data-confirm-sent');
            });
        }
    });
}());
