// The copy buttons of the share panel (templates/wallet/share_panel.html). They show only
// where this script runs and the browser offers the clipboard; without them the link and
// the embed code stay in their fields, to select and copy by hand.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(field.value).then(
      () => { if (status) status.textContent = button.dataset.copied; },
      () => { field.focus(); field.select(); },
    );
  });
});
