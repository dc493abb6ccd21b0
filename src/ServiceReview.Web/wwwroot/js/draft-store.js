// Inspection drafts kept in the browser (IndexedDB) while the form cannot reach the server: offline on site, the server
// unreachable, or the sign-in ended (issue #17). inspection-form.js decides what to keep and when to send it; this file
// only stores one record per inspection: { key, inspection, stamp, savedAt, items, seconds, posted }.
(function () {
    "use strict";

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

    window.serviceReview = Object.assign(window.serviceReview || {}, {
        draftStore: {
            get: function (key) { return run("readonly", function (s) { return s.get(key); }); },
            put: function (record) { return run("readwrite", function (s) { return s.put(record); }); },
            remove: function (key) { return run("readwrite", function (s) { return s.delete(key); }); },
            all: function () { return run("readonly", function (s) { return s.getAll(); }); }
        }
    });
})();
