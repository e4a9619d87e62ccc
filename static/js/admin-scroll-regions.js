// Keyboard users reach every scrolling box in the admin (axe rule
// scrollable-region-focusable, issue #19). Wagtail's minimap (the list of
// sections beside an edit form) scrolls when the form is long, and while it is
// collapsed its links are out of the tab order: the list itself takes focus,
// so arrow keys scroll it. Wagtail draws the minimap after the page loads, so
// new lists are watched for.
(() => {
  const label = () => {
    document.querySelectorAll(".w-minimap__list:not([tabindex])").forEach((list) => {
      list.setAttribute("tabindex", "0");
      list.setAttribute("aria-label", "Sections of this form");
    });
  };
  label();
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
})();
