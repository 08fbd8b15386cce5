// The print of record says the day it was printed, which may be later than the day
// the page was loaded.
window.addEventListener("beforeprint", () => {
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  for (const element of document.querySelectorAll("[data-printed-on]")) {
    element.textContent = today;
  }
});
