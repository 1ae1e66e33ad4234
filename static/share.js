// The copy buttons of the share panel (templates/share/panel.html). Without this script the
// buttons stay hidden and the link and the embed snippet are text to select and copy.
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.closest(".share-panel")?.querySelector("[data-copy-status]");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied;
      button.classList.add("copied");
      setTimeout(() => button.classList.remove("copied"), 2000);
    } catch {
      field.focus();
      field.select();
    }
  });
}
