// Badge sign-in: read the QR code of a badge from the camera and post it.
// The browser's BarcodeDetector where it reads QR codes, else jsQR (served from node_modules).
(function () {
  "use strict";
  const section = document.getElementById("badge-camera");
  if (!section || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return; // no camera here: the typed code is the way in
  }
  section.hidden = false;
  const start = document.getElementById("badge-camera-start");
  const video = document.getElementById("badge-video");
  const status = document.getElementById("badge-camera-status");
  const form = document.getElementById("badge-scan-form");
  const tokenInput = form.querySelector("input[name=token]");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let detector = null;
  let stream = null;
  let found = false;

  const refusal = document.getElementById("badge-refusal");
  if (refusal) {
    refusal.focus();
  }

  async function qrDetector() {
    if (!("BarcodeDetector" in window)) {
      return null;
    }
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      return formats.includes("qr_code") ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    } catch (error) {
      return null;
    }
  }

  async function readFrame() {
    if (video.readyState < video.HAVE_CURRENT_DATA || !video.videoWidth) {
      return null;
    }
    if (detector) {
      const codes = await detector.detect(video);
      return codes.length ? codes[0].rawValue : null;
    }
    if (typeof window.jsQR !== "function") {
      return null;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
    return code ? code.data : null;
  }

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
  }

  async function scan() {
    if (found) {
      return;
    }
    let value = null;
    try {
      value = await readFrame();
    } catch (error) {
      value = null;
    }
    if (value) {
      found = true;
      tokenInput.value = value;
      status.textContent = "Badge found. Signing you in…";
      stopCamera();
      form.submit();
      return;
    }
    window.setTimeout(scan, 200);
  }

  start.addEventListener("click", async function () {
    start.disabled = true;
    status.textContent = "Starting the camera…";
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      start.disabled = false;
      status.textContent = "The camera did not start. Type the code on your badge instead.";
      const code = document.getElementById("id_code");
      if (code) {
        code.focus();
      }
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    start.hidden = true;
    await video.play();
    detector = await qrDetector();
    status.textContent = "Hold your badge in front of the camera.";
    scan();
  });

  window.addEventListener("pagehide", stopCamera);
})();
