// A "Print your list" button where the page offers printing; without JavaScript the page says to use
// the browser's print option instead.
export function addPrintButtons(root) {
  for (const hint of root.querySelectorAll(".app-print-hint")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary app-no-print";
    button.textContent = "Print your list";
    button.addEventListener("click", () => window.print());
    hint.after(button);
  }
}
