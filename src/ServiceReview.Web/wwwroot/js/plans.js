// Plan pages: single-submit buttons, the rule-kind fields of the indicator form, drag-and-drop
// reordering, and the score preview. No scoring here: the preview asks the server (POST /api/plans/{id}/score).
(function () {
    "use strict";

    // Let a form submit only once (a double click is one request). Buttons with data-confirm ask first in the app's
    // dialog (confirm-action.js, loaded by the layout): this handler sees only the submit the user confirmed.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var button = event.submitter || form.querySelector("[type=submit]");
        if (form.dataset.submitted) {
            event.preventDefault();
            return;
        }
        if (button && button.hasAttribute("data-once")) {
            form.dataset.submitted = "1";
            setTimeout(function () { button.disabled = true; }, 0);
        }
    });

    // Indicator form: show the fields of the chosen rule kind only.
    var kindSelect = document.querySelector("[data-kind-select]");
    if (kindSelect) {
        var sync = function () {
            document.querySelectorAll("[data-for-kind]").forEach(function (el) {
                el.hidden = el.dataset.forKind.split(" ").indexOf(kindSelect.value) < 0;
            });
        };
        kindSelect.addEventListener("change", sync);
        sync();
    }

    // Drag and drop: items become draggable while their handle is held; a drop posts the new order.
    document.querySelectorAll("[data-sortable]").forEach(function (list) {
        var dragged = null;
        var items = function () {
            return Array.prototype.filter.call(list.children, function (el) { return el.dataset.code; });
        };
        list.addEventListener("mousedown", function (e) {
            var handle = e.target.closest(".drag-handle");
            var item = handle && handle.closest("[data-code]");
            if (item && item.parentElement === list) { item.draggable = true; }
        });
        list.addEventListener("dragstart", function (e) {
            if (e.target.parentElement !== list) { return; }
            dragged = e.target;
            e.dataTransfer.effectAllowed = "move";
            dragged.classList.add("opacity-50");
            e.stopPropagation();
        });
        list.addEventListener("dragover", function (e) {
            if (!dragged) { return; }
            e.preventDefault();
            var over = e.target.closest("[data-code]");
            while (over && over.parentElement !== list) { over = over.parentElement.closest("[data-code]"); }
            if (!over || over === dragged) { return; }
            var rect = over.getBoundingClientRect();
            var after = e.clientY > rect.top + rect.height / 2;
            list.insertBefore(dragged, after ? over.nextSibling : over);
        });
        list.addEventListener("dragend", function (e) {
            if (!dragged) { return; }
            dragged.classList.remove("opacity-50");
            dragged.draggable = false;
            dragged = null;
            e.stopPropagation();
            var kind = list.dataset.sortable;
            var form = kind === "categories"
                ? document.querySelector("[data-reorder-form=categories]")
                : list.parentElement.querySelector("[data-reorder-form=indicators]");
            if (!form) { return; }
            form.querySelectorAll("input[name=codes]").forEach(function (i) { i.remove(); });
            items().forEach(function (el) {
                var input = document.createElement("input");
                input.type = "hidden";
                input.name = "codes";
                input.value = el.dataset.code;
                form.appendChild(input);
            });
            form.submit();
        });
    });

    // Editor: the weight badge follows what is typed, before saving.
    var weightBadge = document.querySelector("[data-weight-sum]");
    if (weightBadge) {
        var template = weightBadge.textContent;
        var initial = Array.prototype.reduce.call(document.querySelectorAll("[data-weight]"), function (sum, el) { return sum + (parseFloat(el.value) || 0); }, 0);
        document.querySelectorAll("[data-weight]").forEach(function (input) {
            input.addEventListener("input", function () {
                var sum = Array.prototype.reduce.call(document.querySelectorAll("[data-weight]"), function (s, el) { return s + (parseFloat(el.value) || 0); }, 0);
                weightBadge.textContent = template.replace(String(initial), String(Math.round(sum * 100) / 100));
                weightBadge.classList.toggle("text-bg-success", Math.abs(sum - 100) < 1e-9);
                weightBadge.classList.toggle("text-bg-danger", Math.abs(sum - 100) >= 1e-9);
            });
        });
    }

    // Score preview.
    var form = document.querySelector("[data-plan-preview]");
    if (!form) { return; }
    var result = document.querySelector("[data-preview-result]");
    var q = function (name) { return result.querySelector("[data-preview-" + name + "]"); };
    var timer = null;

    function collect() {
        var items = {};
        form.querySelectorAll("[data-indicator]").forEach(function (row) {
            var code = row.dataset.indicator;
            var item = {};
            var na = row.querySelector("[data-input=na]");
            var note = row.querySelector("[data-input=note]").value.trim();
            if (na && na.checked) {
                item.na = true;
            } else {
                var input = row.querySelector("[data-input=level],[data-input=pass],[data-input=count],[data-input=value]");
                var raw = input.value.trim();
                if (raw !== "") {
                    var kind = input.dataset.input;
                    if (kind === "level") { item.level = raw; }
                    else if (kind === "pass") { item.pass = raw === "true"; }
                    else if (kind === "count") { item.count = parseInt(raw, 10); }
                    else { item.value = parseFloat(raw); }
                }
            }
            if (note) { item.note = note; }
            if (Object.keys(item).length > 0) { items[code] = item; }
        });
        return { items: items };
    }

    function show(el, text) {
        el.hidden = !text;
        el.textContent = text || "";
    }

    function render(data) {
        q("total").textContent = data.total === null || data.total === undefined ? "—" : Number(data.total).toLocaleString(document.documentElement.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
        q("grade").textContent = data.grade || "";
        show(q("veto"), data.vetoedBy ? form.dataset.textVeto.replace("{0}", data.vetoedBy).replace("{1}", Number(data.totalBeforeVeto).toFixed(1)) : "");
        var table = q("categories");
        var body = table.querySelector("tbody");
        body.innerHTML = "";
        (data.categories || []).forEach(function (c) {
            var tr = document.createElement("tr");
            [c.code + " " + c.name, c.excluded ? form.dataset.textExcluded : Number(c.score).toFixed(1), String(c.weight)].forEach(function (text, i) {
                var td = document.createElement("td");
                td.textContent = text;
                if (i > 0) { td.className = "text-end"; }
                tr.appendChild(td);
            });
            body.appendChild(tr);
        });
        table.hidden = body.children.length === 0;
        show(q("missing"), data.missing && data.missing.length ? form.dataset.textMissing.replace("{0}", data.missing.join(", ")) : "");
        show(q("evidence"), data.missingEvidence && data.missingEvidence.length ? form.dataset.textEvidence.replace("{0}", data.missingEvidence.join(", ")) : "");
        show(q("error"), "");
    }

    async function preview() {
        try {
            var response = await window.serviceReview.fetchJson(form.dataset.url, { method: "POST", body: collect() });
            var data = null;
            try { data = await response.json(); } catch (e) { data = null; }
            if (response.ok && data) {
                render(data);
                return;
            }
            var message = form.dataset.textUnavailable;
            var problems = document.querySelector("[data-plan-problems]");
            if (problems && problems.dataset.planProblems !== "0") {
                // The draft does not validate yet: the problems are listed above the editor, in the user's language.
                message = form.dataset.textFixProblems;
            } else if (data) {
                var details = [];
                if (data.detail) { details.push(data.detail); }
                if (data.errors) {
                    Object.keys(data.errors).forEach(function (k) { details = details.concat(data.errors[k]); });
                }
                if (details.length === 0 && data.title) { details.push(data.title); }
                if (details.length) { message = details.join(" "); }
            }
            show(q("error"), message);
        } catch (e) {
            show(q("error"), form.dataset.textUnavailable);
        }
    }

    form.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(preview, 250);
    });
    form.addEventListener("change", function () {
        clearTimeout(timer);
        timer = setTimeout(preview, 50);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var reset = document.querySelector("[data-preview-reset]");
    if (reset) {
        reset.addEventListener("click", function () {
            form.reset();
            preview();
        });
    }
    preview();
})();
