// Signing out on a shared tablet (issue #17): the offline drafts this person left in the browser (draft-store.js) must
// neither stay behind for the next person nor be lost. The top bar's 退出 (form[data-sign-out], _LoginPartial) clears
// them when everything has reached the server; while some are unsent it opens the sign-out page instead, which lists
// them, links each to its form (which sends it) and offers to discard them and sign out. Without IndexedDB (or
// without this script) signing out works as before.
(function () {
    "use strict";

    var store = window.serviceReview && window.serviceReview.draftStore;

    async function unsent() {
        if (window.serviceReview.beforeSignOut) {
            await window.serviceReview.beforeSignOut();
        }
        return store.unsent();
    }

    async function signOut(form) {
        try { await store.forgetMine(); } catch (e) { /* nothing kept */ }
        form.dataset.checked = "true";
        form.submit();
    }

    // The top bar's button: straight out when nothing waits here, else to the page that says what waits.
    document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
        form.addEventListener("submit", async function (e) {
            if (!store || form.dataset.checked) { return; }
            e.preventDefault();
            var waiting = [];
            try { waiting = await unsent(); } catch (err) { /* no IndexedDB: nothing kept */ }
            if (waiting.length > 0 && form.dataset.warnUrl && !document.querySelector("[data-offline-drafts]")) {
                window.location.assign(form.dataset.warnUrl);
                return;
            }
            if (waiting.length > 0) {
                show(waiting);
                return;
            }
            await signOut(form);
        });
    });

    // The sign-out page (Areas/Identity/Pages/Account/Logout.cshtml).
    var panel = document.querySelector("[data-offline-drafts]");
    var confirmForm = document.querySelector("form[data-sign-out-confirm]");
    if (!panel || !confirmForm) { return; }

    function show(waiting) {
        panel.querySelector("[data-offline-drafts-text]").textContent = panel.dataset.textWarning.replace("{n}", waiting.length);
        var list = panel.querySelector("[data-offline-drafts-list]");
        list.textContent = "";
        waiting.sort(function (a, b) { return b.savedAt - a.savedAt; }).forEach(function (r) {
            var item = document.createElement("li");
            item.dataset.offlineDraft = r.inspection;
            var link = document.createElement("a");
            link.href = (r.url || ("/Inspections/Fill/" + r.inspection)) + "#send-offline-draft";
            link.textContent = panel.dataset.textSend.replace("{title}", r.title || ("#" + r.inspection));
            var when = document.createElement("span");
            when.className = "small text-muted ms-2";
            when.textContent = new Date(r.savedAt).toLocaleString(document.documentElement.lang || undefined);
            item.append(link, when);
            list.appendChild(item);
        });
        panel.classList.remove("d-none");
        confirmForm.querySelector("[data-sign-out-plain]").classList.add("d-none");
        confirmForm.querySelector("[data-discard-drafts]").classList.remove("d-none");
        panel.focus();
    }

    if (store) {
        store.unsent().then(function (waiting) { if (waiting.length > 0) { show(waiting); } }, function () { /* no IndexedDB */ });
    }

    confirmForm.addEventListener("submit", async function (e) {
        if (!store || confirmForm.dataset.checked) { return; }
        e.preventDefault();
        var discard = e.submitter && e.submitter.hasAttribute("data-discard-drafts");
        var waiting = [];
        try { waiting = await store.unsent(); } catch (err) { /* no IndexedDB: nothing kept */ }
        if (waiting.length > 0 && !discard) {
            show(waiting);
            return;
        }
        await signOut(confirmForm);
    });
})();
