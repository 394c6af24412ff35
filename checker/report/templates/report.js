"use strict";
// Filtering and opening findings.  Without script every finding is shown open, so the page still reads.
(function () {
  document.documentElement.classList.add("js");
  // The copy of a run under runs/ links back up to the index and the other runs.
  if (/\/runs\/[^/]*$/.test(location.pathname)) {
    document.querySelectorAll("a.rel").forEach(function (link) {
      link.setAttribute("href", "../" + link.getAttribute("href").replace(/^runs\//, "runs/"));
    });
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var selects = Array.prototype.slice.call(document.querySelectorAll("#filters select"));
  var shown = document.getElementById("shown");
  var noneShown = document.getElementById("none-shown");

  function detailOf(row) {
    return document.getElementById(row.id + "-claims");
  }

  function setOpen(row, open) {
    row.classList.toggle("open", open);
    detailOf(row).classList.toggle("open", open);
    row.querySelector("button.toggle").setAttribute("aria-expanded", open ? "true" : "false");
  }

  function matches(row) {
    return selects.every(function (select) {
      var want = select.value;
      if (!want) return true;
      if (select.dataset.key === "document") return JSON.parse(row.dataset.documents).indexOf(want) >= 0;
      return row.dataset[select.dataset.key] === want;
    });
  }

  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      detailOf(row).hidden = !ok;
      if (ok) count += 1;
    });
    if (shown) shown.textContent = String(count);
    if (noneShown) noneShown.hidden = count > 0 || rows.length === 0;
  }

  function showText(id) {
    var text = document.getElementById(id);
    if (!text || !text.classList.contains("doctext")) return false;
    document.querySelectorAll("article.doctext.open").forEach(function (other) { other.classList.remove("open"); });
    text.classList.add("open");
    text.scrollIntoView({ block: "start" });
    return true;
  }

  function reveal(id) {
    if (showText(id)) return;
    var row = document.getElementById(id);
    if (!row || !row.classList.contains("finding")) return;
    if (row.hidden) {
      selects.forEach(function (select) { select.value = ""; });
      apply();
    }
    setOpen(row, true);
    row.scrollIntoView({ block: "start" });
  }

  rows.forEach(function (row) {
    row.querySelector("button.toggle").addEventListener("click", function (event) {
      event.stopPropagation();
      setOpen(row, !row.classList.contains("open"));
    });
    // The whole row opens it too: an easier target on a phone.
    row.addEventListener("click", function (event) {
      if (event.target.closest("a, button, select")) return;
      setOpen(row, !row.classList.contains("open"));
    });
  });
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  var form = document.getElementById("filters");
  if (form) form.addEventListener("reset", function () { setTimeout(apply, 0); });

  document.querySelectorAll("button.only-doc").forEach(function (button) {
    button.addEventListener("click", function () {
      selects.forEach(function (select) {
        select.value = select.dataset.key === "document" ? button.dataset.document : "";
      });
      apply();
      document.getElementById("findings").scrollIntoView({ block: "start" });
    });
  });
  document.querySelectorAll("a.open-finding").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      reveal(link.dataset.target);
      history.replaceState(null, "", "#" + link.dataset.target);
    });
  });

  // Only a text on this page; a link to a document's own page (docs/) is followed as a link.
  document.querySelectorAll("a.open-text[data-target]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showText(link.dataset.target);
      history.replaceState(null, "", "#" + link.dataset.target);
    });
  });

  apply();
  if (location.hash.length > 1) reveal(decodeURIComponent(location.hash.slice(1)));
})();
