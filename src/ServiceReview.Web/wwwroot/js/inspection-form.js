// The inspection checklist (Views/Inspections/Fill.cshtml): live score, autosave, active time.
// No scoring rules here: every number shown, and which inputs override a measured figure, comes from
// POST /api/inspections/{id}/score (Core's ScoringEngine and the record's stored figures).
(function () {
    "use strict";

    var form = document.getElementById("inspection-form");
    if (!form || !window.serviceReview) {
        return;
    }

    var IDLE_MS = 5 * 60 * 1000;
    var AUTOSAVE_MS = 30 * 1000;
    var scoreUrl = form.dataset.scoreUrl;
    var draftUrl = form.dataset.draftUrl;
    var stampInput = form.querySelector("input[name='Stamp']");
    var secondsInput = form.querySelector("input[name='SecondsSpent']");
    var statusEl = document.getElementById("save-status");
    var timeEl = document.getElementById("time-spent");
    var conflictEl = document.getElementById("conflict");
    var lang = document.documentElement.lang || "zh-CN";
    var oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    // Scores, points and the maximum beside them all read with one decimal ("6.1 / 7.0"), as the pages show them
    // (Core/Scoring/Figure); the server has already rounded every figure once, so this only writes the digits.
    var points = oneDecimal;

    var changeCount = 0;      // changes since the page loaded
    var savedChangeCount = 0; // changes already saved
    var activeSeconds = 0;    // active seconds not yet sent with a save
    var lastInteraction = Date.now();
    var submitting = false;
    var conflicted = false;
    var saving = false;
    var submitAfterSave = null; // { submitter } while a click on 提交/保存草稿 waits for an autosave in flight

    function isDirty() { return changeCount !== savedChangeCount; }

    function setStatus(text) { if (statusEl) { statusEl.textContent = text || ""; } }

    // Active time: the page is visible and the inspector did something in the last five minutes.
    ["input", "change", "keydown", "pointerdown", "scroll", "focusin"].forEach(function (name) {
        document.addEventListener(name, function () { lastInteraction = Date.now(); }, { passive: true, capture: true });
    });
    setInterval(function () {
        if (document.visibilityState === "visible" && Date.now() - lastInteraction < IDLE_MS) {
            activeSeconds++;
        }
    }, 1000);

    function indicators() { return Array.prototype.slice.call(form.querySelectorAll("fieldset.indicator")); }

    function readItem(fs) {
        var kind = fs.dataset.kind;
        var na = fs.querySelector(".input-na");
        var noteEl = fs.querySelector(".input-note");
        var note = noteEl && noteEl.value.trim() !== "" ? noteEl.value : undefined;
        var item = {};
        if (na && na.checked) {
            item.na = true;
        } else if (kind === "Bands" || kind === "Deduction") {
            var input = fs.querySelector(".input-main");
            if (input && input.value.trim() !== "") {
                var n = Number(input.value);
                item[kind === "Bands" ? "value" : "count"] = isNaN(n) ? input.value : n;
            }
        } else {
            var checked = fs.querySelector(".input-main:checked");
            if (checked) {
                if (kind === "Check") {
                    item.pass = checked.value === "true";
                } else {
                    item.level = checked.value;
                }
            }
        }
        if (note !== undefined) {
            item.note = note;
        }
        return item;
    }

    function syncNotApplicable() {
        indicators().forEach(function (fs) {
            var na = fs.querySelector(".input-na");
            fs.querySelectorAll(".input-main").forEach(function (el) { el.disabled = !!(na && na.checked); });
        });
    }

    function clearClientErrors() {
        form.querySelectorAll(".client-error").forEach(function (el) { el.remove(); });
    }

    function findIndicator(field) {
        // "items.2.3.level" → the indicator whose code is the longest prefix; draft errors are keyed by code.
        var rest = field.indexOf("items.") === 0 ? field.substring(6) : field;
        var best = null;
        indicators().forEach(function (fs) {
            var code = fs.dataset.code;
            if ((rest === code || rest.indexOf(code + ".") === 0) && (!best || code.length > best.dataset.code.length)) {
                best = fs;
            }
        });
        return best;
    }

    function showErrors(errors) {
        Object.keys(errors || {}).forEach(function (field) {
            var fs = findIndicator(field);
            if (!fs) { return; }
            var box = fs.querySelector(".indicator-errors");
            errors[field].forEach(function (message) {
                var div = document.createElement("div");
                div.className = "client-error";
                div.textContent = message;
                box.appendChild(div);
            });
        });
    }

    function collect() {
        var items = {};
        indicators().forEach(function (fs) { items[fs.dataset.code] = readItem(fs); });
        return items;
    }

    // Live score, debounced.
    var scoreTimer = null;
    var scoreSeq = 0;
    function scheduleScore() {
        clearTimeout(scoreTimer);
        scoreTimer = setTimeout(score, 400);
    }

    async function score() {
        var seq = ++scoreSeq;
        var response;
        try {
            response = await serviceReview.fetchJson(scoreUrl, { method: "POST", body: { items: collect() } });
        } catch (e) {
            return;
        }
        if (seq !== scoreSeq) { return; }
        clearClientErrors();
        var data = await response.json();
        if (!response.ok) {
            showErrors(data.errors);
            return;
        }
        // A partial form is provisional: the total so far, no grade until every indicator has an input (the server says which).
        var complete = data.complete === true;
        var totalLabel = document.getElementById("score-total-label");
        var grade = document.getElementById("score-grade");
        document.getElementById("score-bar").dataset.scoreComplete = complete ? "true" : "false";
        totalLabel.textContent = complete ? totalLabel.dataset.textFinal : totalLabel.dataset.textProvisional;
        document.getElementById("score-total").textContent = oneDecimal.format(data.total);
        grade.textContent = complete ? data.grade : "—";
        grade.title = complete ? "" : grade.dataset.textPending;
        var veto = document.getElementById("score-veto");
        if (data.vetoedBy) {
            veto.textContent = veto.dataset.template.replace("{code}", data.vetoedBy).replace("{before}", oneDecimal.format(data.totalBeforeVeto));
            veto.classList.remove("d-none");
        } else {
            veto.classList.add("d-none");
        }
        data.categories.forEach(function (c) {
            var el = form.querySelector("[data-category-score='" + c.code + "']");
            if (el) { el.textContent = c.excluded || c.score === null ? "—" : oneDecimal.format(c.score) + " / " + points.format(c.weight); }
        });
        Object.keys(data.points || {}).forEach(function (code) {
            var el = form.querySelector("[data-points='" + code + "']");
            var p = data.points[code];
            if (el) { el.textContent = p === null ? "—" : points.format(p); }
        });
        var overridden = data.overridden || [];
        indicators().forEach(function (fs) {
            var code = fs.dataset.code;
            fs.classList.toggle("is-missing", data.missing.indexOf(code) >= 0);
            fs.classList.toggle("needs-evidence", data.missingEvidence.indexOf(code) >= 0);
            // The server decides what overrides the measured figure; the page only shows it.
            var hint = fs.querySelector(".override-hint");
            if (hint) { hint.classList.toggle("d-none", overridden.indexOf(code) < 0); }
        });
        var parts = [];
        if (data.missing.length) {
            var count = indicators().length;
            parts.push(form.dataset.textProvisional.replace("{scored}", count - data.missing.length).replace("{count}", count).replace("{total}", oneDecimal.format(data.total)));
        }
        if (data.missingEvidence.length) { parts.push(form.dataset.textEvidence.replace("{n}", data.missingEvidence.length)); }
        document.getElementById("score-missing").textContent = parts.join(" · ");
    }

    // Drafts: autosave every 30 s when something changed, and when the page is hidden or left (keepalive).
    async function saveDraft(keepalive) {
        if (saving || conflicted || submitting) { return; }
        saving = true;
        var sentSeconds = activeSeconds;
        var sentChanges = changeCount;
        var body = new FormData(form);
        body.set("SecondsSpent", String(sentSeconds));
        body.delete("Command");
        setStatus(form.dataset.textSaving);
        try {
            var response = await fetch(draftUrl, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                keepalive: !!keepalive,
                headers: { "RequestVerificationToken": serviceReview.antiforgeryToken(), "Accept": "application/json" }
            });
            var data = await response.json().catch(function () { return {}; });
            if (response.ok) {
                stampInput.value = data.stamp;
                activeSeconds -= sentSeconds;
                savedChangeCount = sentChanges;
                if (timeEl && data.timeSpent) { timeEl.textContent = data.timeSpent; }
                setStatus(isDirty() ? form.dataset.textUnsaved : data.message);
            } else if (response.status === 409) {
                conflicted = true;
                conflictEl.textContent = data.detail || "";
                conflictEl.classList.remove("d-none");
                conflictEl.scrollIntoView({ block: "center" });
                setStatus(form.dataset.textFailed);
            } else if (response.status === 400) {
                clearClientErrors();
                showErrors(data.errors);
                setStatus(data.detail || form.dataset.textFailed);
            } else {
                setStatus(form.dataset.textFailed);
            }
        } catch (e) {
            setStatus(form.dataset.textFailed);
        } finally {
            saving = false;
            if (submitAfterSave) {
                var pending = submitAfterSave;
                submitAfterSave = null;
                form.requestSubmit(pending.submitter);
            }
        }
    }

    function onChange() {
        changeCount++;
        setStatus(form.dataset.textUnsaved);
        syncNotApplicable();
        scheduleScore();
    }

    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function (e) {
        if (saving) {
            // An autosave is on its way: posting now would carry the stamp it is replacing, and the server would
            // report our own save as someone else's change. Post once it has answered, with the new stamp.
            e.preventDefault();
            submitAfterSave = { submitter: e.submitter || null };
            return;
        }
        // The time of this visit goes with the ordinary form post (保存草稿 / 提交).
        submitting = true;
        secondsInput.value = String(activeSeconds);
    });

    setInterval(function () { if (isDirty()) { saveDraft(false); } }, AUTOSAVE_MS);
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden" && isDirty()) { saveDraft(true); }
    });
    window.addEventListener("pagehide", function () { if (isDirty()) { saveDraft(true); } });
    window.addEventListener("beforeunload", function (e) {
        if (isDirty() && !submitting) {
            e.preventDefault();
            e.returnValue = "";
        }
    });

    // The score bar sticks to the top and the buttons to the bottom: keep a focused field clear of both, so that
    // tabbing through the form on a tablet never hides the field being filled (CSS scroll-padding).
    var scoreBar = document.getElementById("score-bar");
    var actionBar = form.querySelector(".sticky-bottom");
    function keepFocusClearOfBars() {
        var root = document.documentElement.style;
        root.scrollPaddingTop = scoreBar ? (scoreBar.offsetHeight + 16) + "px" : "";
        root.scrollPaddingBottom = actionBar ? (actionBar.offsetHeight + 8) + "px" : "";
    }
    keepFocusClearOfBars();
    window.addEventListener("resize", keepFocusClearOfBars);
    form.addEventListener("focusin", function (e) {
        // Browsers scroll a focused element into view only when it is off screen, not when a sticky bar covers it.
        var box = e.target.getBoundingClientRect();
        var top = scoreBar ? scoreBar.getBoundingClientRect().bottom : 0;
        var bottom = actionBar && !actionBar.contains(e.target) ? actionBar.getBoundingClientRect().top : window.innerHeight;
        if (box.top < top || box.bottom > bottom) {
            e.target.scrollIntoView({ block: "center" });
        }
    });

    syncNotApplicable();
    score();

    // After a refused submit: the summary is announced (role=alert) and the keyboard focus goes to the first field
    // with a problem, so a keyboard user can fix it at once; the summary takes the focus when no field is to blame.
    var problems = document.getElementById("problems");
    if (problems) {
        var first = form.querySelector("fieldset.has-problem");
        var target = first && (first.querySelector(".input-main:checked:not(:disabled)") ||
            first.querySelector(".input-main:not(:disabled), .input-na, .input-note"));
        (target || problems).focus();
        if (target) { target.scrollIntoView({ block: "center" }); }
    }
})();
