// Submit buttons marked data-confirm="message" ask before their form is posted (issue #17: the main flows'
// irreversible steps say what follows). The check runs on the form's submit event, so Enter and Space on the
// focused button ask as a click does; without JavaScript the form posts as before (the server decides alone).
// The listener is on the document in the capture phase: a refusal stops the event before other handlers
// (submit-once.js would otherwise disable the buttons of a form that was not sent).
document.addEventListener('submit', function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute('data-confirm')) {
        return;
    }
    if (!window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
        event.stopImmediatePropagation();
    }
}, true);
