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
