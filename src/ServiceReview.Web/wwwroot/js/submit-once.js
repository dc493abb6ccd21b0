// Forms marked data-once disable their buttons on submit, so a double click sends one request.
// The server refuses a second transition anyway; this only spares the user the message.
document.querySelectorAll('form[data-once]').forEach(function (form) {
    form.addEventListener('submit', function () {
        window.setTimeout(function () {
            form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
        }, 0);
    });
});
