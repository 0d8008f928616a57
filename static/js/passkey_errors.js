// allauth's passkey script only logs a refused or cancelled passkey to the console: show it in words.
document.addEventListener("allauth.error", function (event) {
  const message = document.getElementById("passkey-error");
  if (message) {
    message.hidden = false;
    event.preventDefault();
  }
});
