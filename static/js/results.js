// After htmx replaces a page's results (a facet, the pager, the filter form), bring the reader
// to them: the swap removes the link that had focus, which would otherwise drop keyboard focus
// to the top of the page and leave a phone reader looking at the folded filters. The count is
// announced through #results-status, which lives outside the swapped region: a live region
// that is itself replaced is never heard.
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 821px)");
  var before = null; // the filters' state just before a swap into #results

  // Browsers without ::details-content (site.css) would keep the filters folded on a desktop.
  function unfoldFiltersWhenWide() {
    if (!WIDE.matches) return;
    document.querySelectorAll("details.filters-fold").forEach(function (details) { details.open = true; });
  }

  function intoResults(event) {
    var target = event.detail && event.detail.target;
    return Boolean(target && target.id === "results");
  }

  function byChange(event) {
    var config = event.detail && event.detail.requestConfig;
    return Boolean(config && config.triggeringEvent && config.triggeringEvent.type === "change");
  }

  function announce(text) {
    var status = document.getElementById("results-status");
    if (!status) return;
    // Emptied first, so that the same words after a different filter are read out again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function summary(results, heading) {
    var words = heading === results ? "Results updated" : heading.textContent;
    var pages = results.querySelector(".pager span");
    if (pages) words += ", " + pages.textContent;
    return words.replace(/\s+/g, " ").trim();
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!intoResults(event)) return;
    var details = document.querySelector("#results details.filters-fold");
    before = { open: Boolean(details && details.open), active: document.activeElement && document.activeElement.id };
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!intoResults(event)) return;
    unfoldFiltersWhenWide();
    // Someone changing a date or the sort order on a phone stays in the unfolded form.
    if (byChange(event) && before && before.open) {
      var details = document.querySelector("#results details.filters-fold");
      if (details) details.open = true;
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!intoResults(event)) return;
    var results = document.getElementById("results");
    if (!results) return;
    var heading = results.querySelector(".result-count") || results.querySelector("h2") || results;
    announce(summary(results, heading));

    if (byChange(event)) {
      var field = before && before.active && document.getElementById(before.active);
      if (field && results.contains(field) && document.activeElement !== field) field.focus();
      return;
    }
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    var top = heading.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 40) heading.scrollIntoView({ block: "start" });
  });

  document.addEventListener("DOMContentLoaded", unfoldFiltersWhenWide);
  WIDE.addEventListener("change", unfoldFiltersWhenWide);
})();
