// The record page (Features/Records/Record.cshtml): the 打印 button prints the page (its print rules are in css/record.css).
(function () {
    'use strict';
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () {
            window.print();
        });
    });
})();
