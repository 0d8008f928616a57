// "Read aloud" buttons ({% read_aloud %}, people/templatetags/read_aloud.py) speak the text marked
// data-read-part="<key>" with the browser's own speech synthesis: nothing leaves the browser.
// Pressed again, or when another one is pressed, it stops. Without speechSynthesis the buttons stay
// hidden (static/css/easy_read.css shows them only under html.has-speech).
(() => {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  document.documentElement.classList.add("has-speech");

  let speaking = null; // the button whose text is being read

  const setPressed = (button, pressed) => {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    const label = button.querySelector(".read-aloud-label");
    if (label) label.textContent = pressed ? "Stop" : "Read aloud";
  };

  const textOf = (element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll("button, .read-aloud, [aria-hidden='true'], script, style").forEach((node) => node.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };

  const textFor = (button) => {
    if (button.dataset.readText) return button.dataset.readText;
    const key = button.dataset.readAloud;
    const parts = Array.from(document.querySelectorAll("[data-read-part]"))
      .filter((element) => element.dataset.readPart === key)
      .map(textOf)
      .filter(Boolean);
    // A full stop between parts makes the voice pause between a title and its text.
    return parts.map((part) => (/[.!?:]$/.test(part) ? part : `${part}.`)).join(" ");
  };

  const stop = () => {
    if (speaking) setPressed(speaking, false);
    speaking = null;
    synth.cancel();
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("button[data-read-aloud]");
    if (!button) return;
    event.preventDefault();
    if (speaking === button) { stop(); return; }
    stop();
    const text = textFor(button);
    if (!text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en-GB";
    utterance.rate = 0.9; // a little slower than the default, for someone following the words
    const done = () => { if (speaking === button) { setPressed(button, false); speaking = null; } };
    utterance.addEventListener("end", done);
    utterance.addEventListener("error", done);
    speaking = button;
    setPressed(button, true);
    synth.speak(utterance);
  });
  // Leaving the page (or an htmx swap removing the button) ends the reading.
  window.addEventListener("pagehide", stop);
  document.addEventListener("htmx:afterSwap", () => { if (speaking && !document.contains(speaking)) stop(); });
})();
