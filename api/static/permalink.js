// The stored-answer page (/a/<id>) is complete without this script; it only adds "Link kopieren".

import { copyText } from "./dom.js";

const button = document.getElementById("copy-link");
const status = document.getElementById("copy-status");
if (button) {
  button.addEventListener("click", async () => {
    await copyText(location.href);
    status.textContent = "Link kopiert.";
    setTimeout(() => (status.textContent = ""), 4000);
  });
}
document.documentElement.dataset.ready = "true";
