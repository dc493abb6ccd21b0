// Arbitration form: the input controls of an item matter only when the manager changes the score
// (outcome "change"); otherwise they are disabled, so they are neither sent nor validated.
(function () {
    "use strict";
    document.querySelectorAll('[data-outcome]').forEach(function (radio) {
        var sync = function () {
            var i = radio.getAttribute('data-outcome');
            var changed = document.getElementById('change-' + i).checked;
            document.querySelector('[data-change-fields="' + i + '"]').disabled = !changed;
        };
        radio.addEventListener('change', sync);
        sync();
    });
})();
