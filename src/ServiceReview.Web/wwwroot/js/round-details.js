// The open round's page (issue #17): tick rows, then "改派所选" opens the reassign page for them. Without
// JavaScript the ticked boxes are sent by the GET form as they are; this only adds "select all on this page", the
// count of rows ticked and keeps the button off while none is.
(function () {
    "use strict";
    var form = document.querySelector("[data-reassign-several]");
    if (!form) {
        return;
    }
    var all = document.querySelector("[data-select-all]");
    var button = form.querySelector("[data-reassign-selected]");
    var count = form.querySelector("[data-selected-count]");
    var help = count ? count.textContent : "";
    var template = form.getAttribute("data-selected-text") || "";
    function rows() {
        return Array.prototype.slice.call(document.querySelectorAll("[data-select-row]"));
    }
    function update() {
        var ticked = rows().filter(function (box) { return box.checked; }).length;
        button.disabled = ticked === 0;
        if (count) {
            count.textContent = ticked === 0 ? help : template.replace("{0}", String(ticked));
        }
        if (all) {
            all.checked = ticked > 0 && ticked === rows().length;
            all.indeterminate = ticked > 0 && ticked < rows().length;
        }
    }
    if (all && rows().length > 0) {
        all.hidden = false;
        all.addEventListener("change", function () {
            rows().forEach(function (box) { box.checked = all.checked; });
            update();
        });
    }
    document.addEventListener("change", function (e) {
        if (e.target instanceof Element && e.target.hasAttribute("data-select-row")) {
            update();
        }
    });
    update();
}());
