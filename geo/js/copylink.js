// "Copy link": copies the page's whole address as the browser has it at click time (the map's
// own script writes bbox= into it without a rerun, so the server's idea of the URL is not
// enough). Where the Clipboard API is missing (an http:// origin other than localhost), the
// link is shown in a selected text field to copy by hand. Text goes in with textContent and
// .value only, never as HTML.
export default function ({ data, parentElement }) {
  const root = parentElement;
  let box = root.querySelector(".atlas-copylink");
  if (!box) {
    box = document.createElement("div");
    box.className = "atlas-copylink";
    box.innerHTML =
      '<button type="button" class="atlas-copylink-button"></button>' +
      '<span class="atlas-copylink-status" role="status" aria-live="polite"></span>' +
      '<input class="atlas-copylink-field" type="text" readonly hidden>';
    root.appendChild(box);
  }
  const button = box.querySelector("button");
  const status = box.querySelector(".atlas-copylink-status");
  const field = box.querySelector("input");
  button.textContent = data.label;
  button.title = data.hint;
  field.setAttribute("aria-label", data.field);
  let timer = null;

  function address() {
    try {
      return window.top.location.href; // the app's own window (components v2: no iframe)
    } catch (e) {
      return window.location.href; // embedded in a page of another origin
    }
  }

  function say(text, stay) {
    status.textContent = text;
    clearTimeout(timer);
    if (!stay) timer = setTimeout(() => { status.textContent = ""; }, 4000);
  }

  function fallback(url) {
    field.hidden = false;
    field.value = url;
    field.focus();
    field.select();
    say(data.manual, true); // stays while the field is shown
  }

  button.onclick = async () => {
    const url = address();
    field.hidden = true;
    if (!navigator.clipboard || !window.isSecureContext) {
      fallback(url);
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      say(data.copied);
    } catch (e) {
      fallback(url);
    }
  };
  return () => clearTimeout(timer);
}
