// Evidence files (Features/Attachments/_EvidenceControl.cshtml): choosing a file or taking a photo uploads it at once
// to the control's data-upload-url (multipart: "file" repeated, "indicator"), shows the progress, then the file in the
// list; a refusal shows the server's message (the problem's title, in the user's language) next to the control.
// The inputs have no name, so the surrounding form's post and autosave never carry the files, and their change events
// stay here (the inspection form must not count an upload as an unsaved change).
(function () {
    "use strict";

    var texts = document.getElementById("evidence-texts");
    if (!texts || !window.serviceReview) {
        return;
    }

    function text(name) { return texts.dataset[name] || ""; }

    function formatSize(bytes) {
        var lang = document.documentElement.lang || "zh-CN";
        var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
        if (bytes >= 1024 * 1024) { return number.format(bytes / (1024 * 1024)) + " MB"; }
        if (bytes >= 1024) { return number.format(bytes / 1024) + " KB"; }
        return bytes + " B";
    }

    function listItem(file) {
        var li = document.createElement("li");
        li.className = "attachment-item";
        li.dataset.attachmentId = String(file.id);
        var a = document.createElement("a");
        a.className = "d-inline-flex align-items-center gap-1 border rounded p-1 text-decoration-none small";
        a.href = "/attachments/" + file.id;
        a.target = "_blank";
        a.rel = "noopener";
        a.title = file.name + " (" + formatSize(file.size) + ")";
        if (file.thumbnail) {
            var img = document.createElement("img");
            img.className = "attachment-thumbnail rounded object-fit-cover";
            img.src = file.thumbnail;
            img.alt = file.name;
            img.width = 64;
            img.height = 64;
            a.appendChild(img);
        } else {
            var icon = document.createElement("span");
            icon.className = "attachment-icon";
            icon.setAttribute("aria-hidden", "true");
            icon.textContent = "📄";
            var name = document.createElement("span");
            name.className = "attachment-name text-break";
            name.textContent = file.name;
            var size = document.createElement("span");
            size.className = "attachment-size text-muted text-nowrap";
            size.textContent = formatSize(file.size);
            a.appendChild(icon);
            a.appendChild(name);
            a.appendChild(size);
        }
        li.appendChild(a);
        return li;
    }

    function upload(control, input) {
        var files = Array.prototype.slice.call(input.files || []);
        if (!files.length) { return; }
        var status = control.querySelector(".evidence-status");
        var error = control.querySelector(".evidence-error");
        var list = control.querySelector("[data-attachment-list]");
        var inputs = control.querySelectorAll(".evidence-input");
        var body = new FormData();
        files.forEach(function (f) { body.append("file", f, f.name); });
        if (control.dataset.indicator) { body.append("indicator", control.dataset.indicator); }

        error.textContent = "";
        control.setAttribute("aria-busy", "true");
        inputs.forEach(function (el) { el.disabled = true; });
        status.textContent = text("uploading").replace("{percent}", "0");

        // XMLHttpRequest rather than fetch: it reports the upload's progress, which matters for a photo on a slow network.
        var request = new XMLHttpRequest();
        request.open("POST", control.dataset.uploadUrl);
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("RequestVerificationToken", serviceReview.antiforgeryToken());
        request.upload.addEventListener("progress", function (e) {
            if (e.lengthComputable) {
                status.textContent = text("uploading").replace("{percent}", String(Math.floor(100 * e.loaded / e.total)));
            }
        });
        function done() {
            control.removeAttribute("aria-busy");
            inputs.forEach(function (el) { el.disabled = false; el.value = ""; });
        }
        request.addEventListener("load", function () {
            done();
            var data = null;
            try { data = JSON.parse(request.responseText); } catch (e) { data = null; }
            if (request.status === 201 && Array.isArray(data)) {
                data.forEach(function (file) { list.appendChild(listItem(file)); });
                status.textContent = text("uploaded");
            } else {
                status.textContent = "";
                error.textContent = (data && data.title) || text("failed");
            }
        });
        request.addEventListener("error", function () {
            done();
            status.textContent = "";
            error.textContent = text("failed");
        });
        request.send(body);
    }

    document.querySelectorAll("[data-evidence]").forEach(function (control) {
        control.querySelectorAll(".evidence-input").forEach(function (input) {
            ["input", "change"].forEach(function (name) {
                input.addEventListener(name, function (e) {
                    e.stopPropagation();
                    if (name === "change") { upload(control, input); }
                });
            });
        });
    });
})();
