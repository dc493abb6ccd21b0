// Inspection drafts kept in the browser (IndexedDB) while the form cannot reach the server: offline on site, the server
// unreachable, or the sign-in ended (issue #17). inspection-form.js decides what to keep and when to send it; this file
// only stores one record per inspection and person: { key, owner, inspection, title, url, stamp, savedAt, items,
// seconds, posted }. A tablet is often shared: each record carries its owner (the opaque data-draft-owner of the
// signed-in person, _LoginPartial), and a page only ever reads, sends or clears the records of whoever is signed in on
// it; sign-out.js clears them at sign-out. Loaded by the form page and, deferred, by every signed-in page.
(function () {
    "use strict";

    if (window.serviceReview && window.serviceReview.draftStore) {
        return;
    }

    var DB_NAME = "servicereview";
    var STORE = "inspection-drafts";
    var opening = null;

    function open() {
        if (!window.indexedDB) {
            return Promise.reject(new Error("IndexedDB is not available"));
        }
        if (!opening) {
            opening = new Promise(function (resolve, reject) {
                var request = window.indexedDB.open(DB_NAME, 1);
                request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
                request.onsuccess = function () { resolve(request.result); };
                request.onerror = function () { reject(request.error); };
            });
            opening.catch(function () { opening = null; });
        }
        return opening;
    }

    function run(mode, action) {
        return open().then(function (db) {
            return new Promise(function (resolve, reject) {
                var tx = db.transaction(STORE, mode);
                var request = action(tx.objectStore(STORE));
                tx.oncomplete = function () { resolve(request ? request.result : undefined); };
                tx.onerror = function () { reject(tx.error); };
                tx.onabort = function () { reject(tx.error); };
            });
        });
    }

    // The signed-in person's tag, as the page was rendered ("" when nobody was signed in).
    function owner() {
        var el = document.querySelector("[data-draft-owner]");
        return el ? el.getAttribute("data-draft-owner") : "";
    }

    function all() { return run("readonly", function (s) { return s.getAll(); }); }

    function mine() {
        var me = owner();
        return all().then(function (records) {
            return me ? records.filter(function (r) { return r.owner === me; }) : [];
        });
    }

    window.serviceReview = Object.assign(window.serviceReview || {}, {
        draftStore: {
            owner: owner,
            // One record per inspection and person: another person's copy of the same inspection (handed over on a
            // shared tablet) is neither read nor overwritten.
            keyFor: function (inspection) { return "inspection:" + inspection + ":" + owner(); },
            get: function (key) { return run("readonly", function (s) { return s.get(key); }); },
            put: function (record) { return run("readwrite", function (s) { return s.put(record); }); },
            remove: function (key) { return run("readwrite", function (s) { return s.delete(key); }); },
            all: all,
            mine: mine,
            // Unsent: kept because the server did not have it yet. A copy marked posted went with a form post that the
            // next page answered (it is only kept until the form shows the same content again).
            unsent: function () {
                return mine().then(function (records) { return records.filter(function (r) { return !r.posted; }); });
            },
            forgetMine: function () {
                var me = owner();
                if (!me) { return Promise.resolve(); }
                return run("readwrite", function (s) {
                    var request = s.openCursor();
                    request.onsuccess = function () {
                        var cursor = request.result;
                        if (!cursor) { return; }
                        if (cursor.value.owner === me) { cursor.delete(); }
                        cursor.continue();
                    };
                    return null;
                });
            }
        }
    });
})();
