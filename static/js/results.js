// After htmx replaces a page's results (a facet, the pager, the filter form), bring the reader
// to them: the swap removes the link that had focus, which would otherwise drop keyboard focus
// to the top of the page and leave a phone reader looking at the folded filters. The count is
// announced through #results-status, which lives outside the swapped region: a live region
// that is itself replaced is never heard.
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 821px)");

  // Browsers without ::details-content (site.css) would keep the filters folded on a desktop.
  function unfoldFiltersWhenWide() {
    document.querySelectorAll("details.filters-fold").forEach(function (details) {
      if (WIDE.matches) details.open = true;
    });
  }

  function heading(results) {
    return results.querySelector(".result-count") || results.querySelector("h2") || results;
  }

  function announce(text) {
    var status = document.getElementById("results-status");
    if (!status) return;
    // Emptied first, so that the same count after a different filter is read out again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var detail = event.detail || {};
    if (!detail.target || detail.target.id !== "results") return;
    unfoldFiltersWhenWide();
    var results = document.getElementById("results");
    if (!results) return;
    var target = heading(results);
    announce(target.textContent.replace(/\s+/g, " ").trim());

    // A change in the filter form (a date, the sort order) keeps the reader in the form.
    var trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
    if (trigger && trigger.type === "change") return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    var top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 40) target.scrollIntoView({ block: "start" });
  });

  document.addEventListener("DOMContentLoaded", unfoldFiltersWhenWide);
  WIDE.addEventListener("change", unfoldFiltersWhenWide);
})();
