// A searchable list of checkboxes (tablet friendly, keyboard usable): typing in <input data-check-filter="ID">
// hides the items of #ID whose text does not contain what was typed; ticked items always stay visible.
(function () {
    'use strict';
    document.querySelectorAll('input[data-check-filter]').forEach(function (input) {
        var list = document.getElementById(input.getAttribute('data-check-filter'));
        if (!list) {
            return;
        }

        var status = document.getElementById(input.getAttribute('aria-describedby') || '');
        input.addEventListener('input', function () {
            var term = input.value.trim().toLowerCase();
            var shown = 0;
            list.querySelectorAll('[data-check-item]').forEach(function (item) {
                var box = item.querySelector('input[type=checkbox]');
                var match = term === '' || item.textContent.toLowerCase().indexOf(term) >= 0 || (box && box.checked);
                item.hidden = !match;
                if (match) {
                    shown++;
                }
            });
            if (status && status.hasAttribute('data-count-template')) {
                status.textContent = status.getAttribute('data-count-template').replace('{0}', String(shown));
            }
        });
    });
})();
