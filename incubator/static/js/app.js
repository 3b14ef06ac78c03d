// Progressive enhancements; every page works without them.
document.querySelectorAll(".js-language select").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
  const button = select.form.querySelector(".js-language-submit");
  if (button) button.classList.add("d-none");
});
