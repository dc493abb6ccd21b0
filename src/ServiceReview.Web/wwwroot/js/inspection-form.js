// The inspection checklist (Features/Inspections/Fill.cshtml): live score, autosave, active time, problems you can
// jump to, the category menu, and the copy kept in the browser (draft-store.js) while the server cannot be reached.
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
    var signedOut = false;    // the last save met 401: the sign-in ended; changes wait on this device
    var unreachable = false;  // the last save could not reach the server (offline, or the network failed)
    var leaving = false;      // the inspector chose to leave (sign in again, load the server's draft): no prompt
    var store = window.serviceReview.draftStore;
    // This person's copy of this record (draft-store.js): on a shared tablet, the others' copies are never read.
    var storeKey = store ? store.keyFor(form.dataset.inspection) : "";
    var legacyKey = "inspection:" + form.dataset.inspection; // kept before copies had an owner
    var connectionEl = document.getElementById("connection-status");
    var choiceEl = document.getElementById("draft-choice");
    var signedOutEl = document.getElementById("signed-out");

    var openedAt = Date.now();

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
        // The grade comes by its Chinese name; the page lists how this UI shows each of the plan's grades (GradeLabels).
        var gradeLabels = JSON.parse(grade.dataset.gradeLabels || "{}");
        grade.textContent = complete ? (gradeLabels[data.grade] || data.grade) : "—";
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

    // Drafts: autosave every 30 s when something changed, and when the page is hidden or left (keepalive). Every
    // change is also kept in this browser (IndexedDB) until the server has it: offline, unreachable or signed out,
    // nothing typed is lost, and it is sent as a draft (with the stamp it was based on) once the server answers again.
    async function saveDraft(keepalive) {
        if (saving || conflicted || submitting) { return; }
        if (!navigator.onLine) {
            unreachable = true;
            await keepLocally();
            showOffline("textOffline");
            return;
        }
        saving = true;
        var wasWaiting = unreachable || signedOut;
        var sentSeconds = activeSeconds;
        var sentChanges = changeCount;
        var body = new FormData(form);
        body.set("SecondsSpent", String(sentSeconds));
        body.delete("Command");
        setStatus(wasWaiting ? form.dataset.textSending : form.dataset.textSaving);
        if (wasWaiting) { setConnection(form.dataset.textSending, false); }
        try {
            var response = await fetch(draftUrl, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                keepalive: !!keepalive,
                redirect: "manual",
                headers: { "RequestVerificationToken": serviceReview.antiforgeryToken(), "Accept": "application/json" }
            });
            var data = await response.json().catch(function () { return {}; });
            unreachable = false;
            if (response.ok) {
                stampInput.value = data.stamp;
                activeSeconds -= sentSeconds;
                savedChangeCount = sentChanges;
                if (timeEl && data.timeSpent) { timeEl.textContent = data.timeSpent; }
                setStatus(isDirty() ? form.dataset.textUnsaved : data.message);
                signedOut = false;
                signedOutEl.classList.add("d-none");
                if (isDirty()) {
                    await keepLocally(); // newer changes wait on top of the new stamp
                } else {
                    await forgetLocal();
                }
                if (wasWaiting) { setConnection(form.dataset.textSent, true); }
            } else if (response.status === 401 || response.type === "opaqueredirect") {
                // The sign-in ended (idle timeout, signed out elsewhere): keep the changes here and ask to sign in again.
                await keepLocally();
                signedOut = true;
                setConnection("", false);
                signedOutEl.classList.remove("d-none");
                setStatus(form.dataset.textFailed);
            } else if (response.status === 409) {
                conflicted = true;
                await keepLocally();
                setConnection("", false);
                setStatus(form.dataset.textFailed);
                await offerConflict(data.detail || "");
            } else if (response.status === 400) {
                await keepLocally();
                clearClientErrors();
                showErrors(data.errors);
                setStatus(data.detail || form.dataset.textFailed);
            } else {
                await keepLocally();
                setStatus(form.dataset.textFailed);
            }
        } catch (e) {
            // No answer at all: offline, or the network dropped on the way. The changes wait here; the next tick retries.
            unreachable = true;
            await keepLocally();
            showOffline(navigator.onLine ? "textUnreachable" : "textOffline");
            setStatus(form.dataset.textUnsaved);
            if (navigator.onLine) {
                // Online but no answer (the connection just came back, a flaky network): try again soon.
                clearTimeout(retryTimer);
                retryTimer = setTimeout(function () { if (isDirty()) { saveDraft(false); } }, 10 * 1000);
            }
        } finally {
            saving = false;
            if (submitAfterSave) {
                var pending = submitAfterSave;
                submitAfterSave = null;
                form.requestSubmit(pending.submitter);
            }
        }
    }

    // ---- The copy in this browser ----------------------------------------------------------------------------------

    // What each indicator holds, as typed: { "1.2": { main: "2", na: false, note: "…" } }. Reads this page's form or
    // the server's (a parsed copy of the page), so the two can be compared.
    function snapshot(root) {
        var items = {};
        root.querySelectorAll("fieldset.indicator").forEach(function (fs) {
            var kind = fs.dataset.kind;
            var main = "";
            if (kind === "Bands" || kind === "Deduction") {
                var input = fs.querySelector(".input-main");
                main = input ? input.value : "";
            } else {
                var checked = fs.querySelector(".input-main:checked");
                main = checked ? checked.value : "";
            }
            var na = fs.querySelector(".input-na");
            var note = fs.querySelector(".input-note");
            items[fs.dataset.code] = { main: main, na: !!(na && na.checked), note: note ? note.value : "" };
        });
        return items;
    }

    function sameItem(a, b) {
        a = a || { main: "", na: false, note: "" };
        b = b || { main: "", na: false, note: "" };
        return a.na === b.na && (a.na || a.main.trim() === b.main.trim()) && a.note.trim() === b.note.trim();
    }

    function differences(mine, theirs) {
        return indicators().map(function (fs) { return fs.dataset.code; })
            .filter(function (code) { return !sameItem(mine[code], theirs[code]); });
    }

    function apply(items) {
        indicators().forEach(function (fs) {
            var item = items[fs.dataset.code];
            if (!item) { return; }
            var na = fs.querySelector(".input-na");
            if (na) { na.checked = item.na; }
            fs.querySelectorAll(".input-main").forEach(function (el) {
                if (el.type === "radio") {
                    el.checked = el.value === item.main;
                } else {
                    el.value = item.main;
                }
            });
            var note = fs.querySelector(".input-note");
            if (note) { note.value = item.note; }
        });
        syncNotApplicable();
        scheduleScore();
    }

    function timeText(ms) { return new Date(ms).toLocaleTimeString(lang); }

    var lastKeptAt = null;
    var retryTimer = null;
    async function keepLocally(posted) {
        if (!store) { return; }
        var crumb = document.querySelector(".breadcrumb-item.active");
        var record = {
            key: storeKey,
            owner: store.owner(),
            inspection: Number(form.dataset.inspection),
            title: crumb ? crumb.textContent.trim() : document.title,
            url: form.dataset.fillUrl,
            stamp: stampInput.value,
            savedAt: Date.now(),
            items: snapshot(form),
            seconds: activeSeconds,
            posted: !!posted
        };
        try {
            await store.put(record);
            lastKeptAt = record.savedAt;
        } catch (e) {
            // Private mode or no IndexedDB: the page still works online, as before.
        }
    }

    async function forgetLocal() {
        if (!store) { return; }
        try { await store.remove(storeKey); } catch (e) { /* nothing kept */ }
    }

    var keepTimer = null;
    function scheduleKeep() {
        clearTimeout(keepTimer);
        keepTimer = setTimeout(function () {
            keepLocally();
            if (!navigator.onLine) { showOffline("textOffline"); }
        }, 300);
    }

    function setConnection(text, ok) {
        if (!connectionEl) { return; }
        connectionEl.textContent = text || "";
        connectionEl.classList.toggle("is-ok", !!ok);
        keepFocusClearOfBars();
    }

    function showOffline(which) {
        setConnection(form.dataset[which].replace("{time}", timeText(lastKeptAt || Date.now())), false);
    }

    // The choice between this device's changes and the server's draft, with the difference shown indicator by
    // indicator. Used for a conflict (409) and for changes found on this device when the page opens.
    function describe(fs, item) {
        var empty = choiceEl.dataset.textEmpty;
        if (!item) { return empty; }
        var parts = [];
        if (item.na) {
            var naLabel = fs.querySelector(".input-na + label, label[for='" + fs.id + "-na']");
            parts.push(naLabel ? naLabel.textContent.trim() : "N/A");
        } else if (item.main.trim() !== "") {
            var radio = Array.prototype.find.call(fs.querySelectorAll(".input-main[type=radio]"), function (r) { return r.value === item.main; });
            var label = radio && fs.querySelector("label[for='" + radio.id + "']");
            var unit = fs.querySelector(".input-group-text");
            parts.push(label ? label.textContent.replace(/\s+/g, " ").trim() : item.main + (unit ? " " + unit.textContent.trim() : ""));
        }
        if (item.note.trim() !== "") {
            var noteLabel = fs.querySelector("label[for='" + fs.id + "-note']");
            parts.push((noteLabel ? noteLabel.textContent.trim() + "：" : "") + item.note.trim());
        }
        return parts.length ? parts.join(" · ") : empty;
    }

    function showChoice(title, text, mine, theirs, keepLabel, takeLabel, onKeep, onTake) {
        document.getElementById("draft-choice-title").textContent = title;
        document.getElementById("draft-choice-text").textContent = text;
        var body = choiceEl.querySelector("#draft-diff tbody");
        body.textContent = "";
        var codes = differences(mine, theirs);
        codes.forEach(function (code) {
            var fs = findIndicator(code);
            var row = document.createElement("tr");
            row.dataset.diff = code;
            var name = document.createElement("td");
            var link = document.createElement("a");
            link.href = "#" + fs.id;
            link.textContent = fs.querySelector("legend").textContent.replace(/\s+/g, " ").trim();
            name.appendChild(link);
            var a = document.createElement("td");
            a.textContent = describe(fs, mine[code]);
            var b = document.createElement("td");
            b.textContent = describe(fs, theirs[code]);
            row.append(name, a, b);
            body.appendChild(row);
        });
        choiceEl.querySelector(".draft-diff").classList.toggle("d-none", codes.length === 0);
        if (codes.length === 0) {
            document.getElementById("draft-choice-text").textContent = text + " " + choiceEl.dataset.textSame;
        }
        var keep = document.getElementById("keep-mine");
        var take = document.getElementById("take-server");
        keep.textContent = keepLabel;
        take.textContent = takeLabel;
        keep.onclick = function () { choiceEl.classList.add("d-none"); onKeep(); };
        take.onclick = function () { choiceEl.classList.add("d-none"); onTake(); };
        choiceEl.classList.remove("d-none");
        choiceEl.scrollIntoView({ block: "start" });
        choiceEl.focus({ preventScroll: true });
    }

    // A conflict: the server's draft changed since this page's stamp (another device, another tab). Read the server's
    // draft from the form page itself, show both, and let the inspector keep theirs (sent over the server's new stamp)
    // or load the server's. Nothing is overwritten without that choice.
    async function offerConflict(detail) {
        var response, doc;
        try {
            response = await fetch(form.dataset.fillUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } });
            doc = new DOMParser().parseFromString(await response.text(), "text/html");
        } catch (e) {
            doc = null;
        }
        var serverForm = doc && response.ok && doc.getElementById("inspection-form");
        if (!serverForm) {
            // Submitted meanwhile (the form page now leads to the record), or unreachable: say what the server said.
            conflictEl.textContent = detail;
            conflictEl.classList.remove("d-none");
            conflictEl.scrollIntoView({ block: "center" });
            return;
        }
        conflictEl.classList.add("d-none");
        var serverStamp = serverForm.querySelector("input[name='Stamp']").value;
        var mine = snapshot(form);
        showChoice(choiceEl.dataset.textConflictTitle, detail, mine, snapshot(serverForm),
            choiceEl.dataset.textConflictMine, choiceEl.dataset.textConflictServer,
            function () {
                stampInput.value = serverStamp;
                conflicted = false;
                changeCount++;
                saveDraft(false);
            },
            function () { loadServerDraft(); });
    }

    async function loadServerDraft() {
        await forgetLocal();
        leaving = true;
        window.location.assign(form.dataset.fillUrl);
    }

    // This person's copies of other records left after a post that succeeded (the record page does not load this
    // script), and anyone's copies nobody came back for in 30 days.
    async function forgetStale() {
        var now = Date.now();
        var me = store.owner();
        try {
            (await store.all()).forEach(function (r) {
                if (r.key !== storeKey && ((r.posted && r.owner === me && now - r.savedAt > 3600 * 1000) || now - r.savedAt > 30 * 86400 * 1000)) {
                    store.remove(r.key);
                }
            });
        } catch (e) { /* nothing kept */ }
    }

    // A copy kept before copies had an owner is this person's: only the record's inspector opens its form. It moves
    // under this person's key.
    async function adoptLegacy() {
        var legacy = await store.get(legacyKey);
        if (!legacy || legacy.owner) { return null; }
        var adopted = Object.assign({}, legacy, { key: storeKey, owner: store.owner() });
        await store.put(adopted);
        await store.remove(legacyKey);
        return adopted;
    }

    // When the page opens: changes kept on this device that the server does not have are offered back, with the
    // difference; the same content as the page (saved meanwhile, or the page shown again after a post) is forgotten.
    // Opened from the sign-out page's "send" link (#send-offline-draft), changes made on top of this very draft are
    // restored and sent at once; a draft changed elsewhere meanwhile is still the inspector's choice.
    async function offerKeptChanges() {
        if (!store) { return; }
        forgetStale();
        var kept;
        try { kept = (await store.get(storeKey)) || (await adoptLegacy()); } catch (e) { return; }
        // A copy written since this page opened is this page's own (typed before the store answered): nothing to offer.
        if (!kept || kept.savedAt >= openedAt) { return; }
        var onPage = snapshot(form);
        if (differences(kept.items, onPage).length === 0) {
            await forgetLocal();
            return;
        }
        // Kept on top of the draft this page shows: newer than the server's. Kept on top of an older draft: the
        // server's changed since (another device), so it is the conflict's choice.
        var newer = kept.stamp === stampInput.value;
        var when = new Date(kept.savedAt).toLocaleString(lang);
        function restore() {
            apply(kept.items);
            activeSeconds += Math.max(0, kept.seconds || 0);
            changeCount++;
            setStatus(form.dataset.textUnsaved);
            saveDraft(false);
        }
        if (newer && window.location.hash === "#send-offline-draft") {
            restore();
            return;
        }
        showChoice(newer ? choiceEl.dataset.textRestoreTitle : choiceEl.dataset.textConflictTitle,
            (newer ? choiceEl.dataset.textRestoreText : choiceEl.dataset.textRestoreOlder).replace("{time}", when),
            kept.items, onPage,
            newer ? choiceEl.dataset.textRestoreMine : choiceEl.dataset.textConflictMine,
            newer ? choiceEl.dataset.textRestoreServer : choiceEl.dataset.textConflictServer,
            restore,
            function () { forgetLocal(); });
    }

    function onChange() {
        changeCount++;
        setStatus(form.dataset.textUnsaved);
        scheduleKeep();
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
        if (!navigator.onLine) {
            // A post now would only show the browser's offline page: keep everything here and say so.
            e.preventDefault();
            unreachable = true;
            keepLocally();
            setConnection(form.dataset.textSubmitOffline, false);
            return;
        }
        // The time of this visit goes with the ordinary form post (保存草稿 / 提交). The copy on this device stays until
        // the page that answers shows the same content (a refused post shows what was typed; a saved draft, the draft).
        submitting = true;
        secondsInput.value = String(activeSeconds);
        clearTimeout(keepTimer);
        if (isDirty()) { keepLocally(true); }
    });

    window.addEventListener("offline", function () {
        unreachable = true;
        if (isDirty()) { keepLocally(); }
        showOffline("textOffline");
    });
    window.addEventListener("online", function () {
        if (isDirty() && !conflicted) {
            saveDraft(false);
        } else if (unreachable) {
            unreachable = false;
            setConnection("", false);
        }
    });
    // Back from signing in (another tab) or from another app: send what waits here.
    function retryWhenBack() {
        if (document.visibilityState === "visible" && (signedOut || unreachable) && isDirty()) { saveDraft(false); }
    }
    window.addEventListener("focus", retryWhenBack);
    signedOutEl.querySelector("[data-sign-in-again]").addEventListener("click", function () {
        // The changes are kept on this device and offered again when the form opens after signing in.
        leaving = true;
        keepLocally();
    });

    setInterval(function () { if (isDirty()) { saveDraft(false); } }, AUTOSAVE_MS);

    // Signing out from this page (sign-out.js asks before it counts what is left unsent): what is typed is kept here
    // and, when the server answers, saved as the draft, so only what could not be sent is left to warn about.
    window.serviceReview.beforeSignOut = async function () {
        leaving = true;
        clearTimeout(keepTimer);
        if (!isDirty() || conflicted) { return; }
        await keepLocally();
        if (navigator.onLine && !signedOut) { await saveDraft(false); }
    };
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden" && isDirty()) { keepLocally(); saveDraft(true); }
        retryWhenBack();
    });
    window.addEventListener("pagehide", function () { if (isDirty()) { keepLocally(); saveDraft(true); } });
    window.addEventListener("beforeunload", function (e) {
        if (isDirty() && !submitting && !leaving) {
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
    if (window.ResizeObserver && scoreBar) {
        // The bar grows with the veto banner and the connection line.
        new ResizeObserver(keepFocusClearOfBars).observe(scoreBar);
    }
    form.addEventListener("focusin", function (e) {
        // Browsers scroll a focused element into view only when it is off screen, not when a sticky bar covers it.
        var box = e.target.getBoundingClientRect();
        var top = scoreBar ? scoreBar.getBoundingClientRect().bottom : 0;
        var bottom = actionBar && !actionBar.contains(e.target) ? actionBar.getBoundingClientRect().top : window.innerHeight;
        if (box.top < top || box.bottom > bottom) {
            e.target.scrollIntoView({ block: "center" });
        }
    });

    // Brings a field to the keyboard and to the eye, clear of the sticky bars (scroll-padding, see keepFocusClearOfBars).
    function focusField(el) {
        if (!el) { return false; }
        if (el.disabled) {
            var fs = el.closest("fieldset.indicator");
            el = fs && (fs.querySelector(".input-na") || fs.querySelector(".input-note"));
            if (!el) { return false; }
        }
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: "center" });
        return true;
    }

    // The problem summary's lines link to the field to fix: the note when the note is what is missing.
    var problems = document.getElementById("problems");
    if (problems) {
        problems.addEventListener("click", function (e) {
            var link = e.target.closest("a[href^='#']");
            if (link && focusField(document.getElementById(link.getAttribute("href").substring(1)))) {
                e.preventDefault();
            }
        });
    }

    // The category menu: a jump to a category puts its heading under the score bar and the keyboard there.
    document.querySelectorAll("[data-category-link]").forEach(function (link) {
        link.addEventListener("click", function (e) {
            var heading = document.getElementById(link.getAttribute("href").substring(1));
            if (!heading) { return; }
            e.preventDefault();
            heading.scrollIntoView({ block: "start" });
            heading.focus({ preventScroll: true });
            if (window.history && window.history.replaceState) {
                window.history.replaceState(null, "", link.getAttribute("href"));
            }
        });
    });

    syncNotApplicable();
    score();

    // After a refused submit: the summary is announced (role=alert) and the keyboard focus goes to the field its first
    // line names (the note when that is what is missing), so a keyboard user can fix it at once; the summary takes
    // the focus when no field is to blame.
    if (problems) {
        var firstLink = problems.querySelector("a[data-problem-link]");
        if (!focusField(firstLink && document.getElementById(firstLink.getAttribute("href").substring(1)))) {
            problems.focus();
        }
    }

    // A conflict refused by the form post (409): the same choice as for the autosave.
    if (!conflictEl.classList.contains("d-none")) {
        conflicted = true;
        keepLocally().then(function () { return offerConflict(conflictEl.textContent.trim()); });
    } else {
        offerKeptChanges();
    }
    if (!navigator.onLine) {
        unreachable = true;
        showOffline("textOffline");
    }
})();
