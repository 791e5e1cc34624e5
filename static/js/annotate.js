// Annotating in the admin: turn a text selection into body offsets and ask htmx for the note form.
// Each passage element carries data-start, its offset in the article body, and holds exactly the
// passage's text, so the characters before a point in it give the body offset.
(function () {
  "use strict";

  function passageOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("#annotate-text .passage") : null;
  }

  function offsetIn(passage, node, offset) {
    const range = document.createRange();
    range.selectNodeContents(passage);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function onSelection() {
    const workspace = document.getElementById("annotate-workspace");
    const selection = window.getSelection();
    if (!workspace || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    const passage = passageOf(range.startContainer);
    if (!passage) {
      return;
    }
    // A note is on words within one paragraph: a selection running past it (a triple click
    // selects up to the next paragraph) stops at the paragraph's end.
    const inside = passage === passageOf(range.endContainer);
    const base = Number(passage.dataset.start);
    let start = base + offsetIn(passage, range.startContainer, range.startOffset);
    let end = base + (inside ? offsetIn(passage, range.endContainer, range.endOffset) : passage.textContent.length);
    const text = inside ? range.toString() : passage.textContent.slice(start - base);
    start += text.length - text.trimStart().length; // leave out spaces caught at the edges
    end -= text.length - text.trimEnd().length;
    if (end <= start) {
      return;
    }
    const url = workspace.dataset.newUrl + "?start=" + start + "&end=" + end;
    window.htmx.ajax("GET", url, { target: "#annotate-workspace", swap: "outerHTML" });
  }

  // Wait a moment after the mouse is released: a double or triple click is still choosing its words.
  let pending = null;
  document.addEventListener("mousedown", function () {
    window.clearTimeout(pending);
  });
  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("#annotate-text") && !event.target.closest(".annotated")) {
      window.clearTimeout(pending);
      pending = window.setTimeout(onSelection, 350);
    }
  });
})();
