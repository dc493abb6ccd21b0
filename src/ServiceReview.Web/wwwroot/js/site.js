// ServiceReview front-end helpers. No scoring rules here: the server scores (see docs/architecture.md).

// JSON calls under /api use the sign-in cookie, so every unsafe call (POST, PUT, PATCH, DELETE) must carry the
// antiforgery token in the "RequestVerificationToken" header; the layout puts the token in a <meta> element.
// Use serviceReview.fetchJson(url, { method: "POST", body: {...} }) rather than fetch() directly.
(function () {
    "use strict";

    function antiforgeryToken() {
        var meta = document.querySelector("meta[name=\"request-verification-token\"]");
        return meta ? meta.getAttribute("content") : "";
    }

    async function fetchJson(url, options) {
        options = options || {};
        var method = (options.method || "GET").toUpperCase();
        var headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
        var init = { method: method, headers: headers, credentials: "same-origin" };
        if (method !== "GET" && method !== "HEAD") {
            headers["RequestVerificationToken"] = antiforgeryToken();
        }
        if (options.body !== undefined) {
            if (options.body instanceof FormData) {
                init.body = options.body;
            } else {
                headers["Content-Type"] = "application/json";
                init.body = JSON.stringify(options.body);
            }
        }
        return fetch(url, init);
    }

    window.serviceReview = Object.assign(window.serviceReview || {}, {
        antiforgeryToken: antiforgeryToken,
        fetchJson: fetchJson
    });
})();

// Filters that apply as soon as they change: <select data-autosubmit> submits its form (no inline onchange=, which
// the Content-Security-Policy refuses). data-autosubmit-clear="name" empties another field of the form first
// (a team chosen under the previous project no longer fits).
document.addEventListener("change", function (e) {
    "use strict";
    var field = e.target;
    if (!(field instanceof Element) || !field.hasAttribute("data-autosubmit") || !field.form) {
        return;
    }
    var clear = field.getAttribute("data-autosubmit-clear");
    if (clear && field.form.elements[clear]) {
        field.form.elements[clear].value = "";
    }
    field.form.requestSubmit();
});
