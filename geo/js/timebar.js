// The Atlas's time control (geo/timebar.py): a date slider with year ticks, steps by month and
// year (buttons and keys), and a play button that walks year by year. Every settled change goes
// to Python as the state value "date" ({value: "YYYY-MM-DD", n}); the app reruns and renders the
// control again with the new date as data. Playing sends the next year only once the app has
// come back with the previous one and finished its run, so reruns never pile up.
//
// Streamlit calls this function again, on the same element, whenever the data change: the DOM
// and the listeners are made once and kept on the element (`root.__tb`); later calls only
// update them.

const DAY = 86400000;
const KEYS_MONTH = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
const KEYS_YEAR = { PageDown: -1, PageUp: 1 };
const SEND_DELAY = 300; // ms without another step before a step is sent (keys held down)
const MIN_SHOW = 250; // ms a played year stays on screen after its run finished, at least
const PLAY_TIMEOUT = 20000; // ms to wait for the app to come back with a played year

// --- dates as "YYYY-MM-DD" strings, computed in UTC ------------------------------------------

function toMs(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function toIso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function addMonths(iso, n) {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, days)); // 31 January + 1 month = 28 or 29 February
  return toIso(first.getTime());
}

function clamp(iso, lo, hi) {
  return iso < lo ? lo : iso > hi ? hi : iso;
}

function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : `{${k}}`));
}

// --- building the control once ----------------------------------------------------------------

function el(tag, attrs, parent) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  if (parent) parent.appendChild(node);
  return node;
}

function build(parentElement) {
  const root = el("div", { class: "atlas-tb" }, parentElement);
  const label = el("div", { class: "tb-label" }, root);
  const head = el("div", { class: "tb-head" }, root);
  const now = el("output", { class: "tb-date", "aria-live": "polite" }, head);
  const stamp = el("span", { class: "tb-stamp" }, head);
  const slider = el("div", { class: "tb-slider", role: "slider", tabindex: "0" }, root);
  const track = el("div", { class: "tb-track" }, slider);
  const fill = el("div", { class: "tb-fill" }, track);
  const thumb = el("div", { class: "tb-thumb" }, track);
  const ticks = el("div", { class: "tb-ticks", "aria-hidden": "true" }, slider);
  const row = el("div", { class: "tb-buttons", role: "group" }, root);
  const btn = (name, parent) => el("button", { type: "button", class: `tb-btn tb-${name}` },
                                   parent || row);
  const buttons = {
    prevYear: btn("prev-year"), prevMonth: btn("prev-month"),
    nextMonth: btn("next-month"), nextYear: btn("next-year"),
  };
  const playRow = el("div", { class: "tb-play-row" }, root);
  buttons.play = btn("play", playRow);
  const speed = el("select", { class: "tb-speed" }, playRow);
  return { root, label, now, stamp, slider, track, fill, thumb, ticks, row, buttons, speed };
}

// --- the component ----------------------------------------------------------------------------

export default function timebar(component) {
  const { data, parentElement, setStateValue } = component;
  let tb = parentElement.__tb;
  if (!tb) {
    tb = { ui: build(parentElement), shown: data.date, sendTimer: null,
           playing: false, waitFor: null, sentAt: 0, playTimer: null, n: 0, sends: 0 };
    parentElement.__tb = tb;
    wire(tb);
    tb.resize = new ResizeObserver(() => drawTicks(tb));
    tb.resize.observe(tb.ui.slider);
  }
  tb.setStateValue = setStateValue;
  update(tb, data);
  return () => {
    stopPlay(tb);
    tb.resize.disconnect();
  };
}

function update(tb, data) {
  const first = tb.data === undefined;
  const serverChanged = first || tb.data.date !== data.date;
  tb.data = data;
  labels(tb);
  if (serverChanged && !tb.sendTimer) {
    tb.shown = data.date; // the app's date wins unless the reader is mid-step
  }
  draw(tb);
  if (tb.playing) {
    if (data.date === tb.waitFor) {
      whenIdle(() => scheduleNext(tb));
    } else if (serverChanged) {
      stopPlay(tb); // the date changed elsewhere (a link, another page): stop
    }
  }
}

function labels(tb) {
  const { ui, data } = tb, L = data.labels;
  ui.label.textContent = L.date;
  ui.label.title = L.help;
  ui.stamp.textContent = data.stamp || "";
  ui.stamp.title = L.stamp_help;
  ui.slider.setAttribute("aria-label", L.slider);
  ui.row.setAttribute("aria-label", L.steps);
  const b = ui.buttons;
  for (const [name, key] of [["prevYear", "prev_year"], ["prevMonth", "prev_month"],
                             ["nextMonth", "next_month"], ["nextYear", "next_year"]]) {
    b[name].textContent = L[`${key}_short`];
    b[name].setAttribute("aria-label", L[key]);
    b[name].title = L[key];
  }
  playLabel(tb);
  const key = `${data.lang}|${data.speeds}`;
  if (tb.speedKey !== key) { // rebuilt only when its words change: it may have the focus
    tb.speedKey = key;
    let keep = tb.speedValue;
    try { keep = keep || sessionStorage.getItem("atlas-tb-speed"); } catch (e) { /* none */ }
    ui.speed.replaceChildren(...data.speeds.map((s) => el("option", {
      value: String(s), text: fmt(L.per_year, { s: s.toLocaleString(data.lang) }) })));
    ui.speed.value = data.speeds.map(String).includes(keep) ? keep : String(data.speed);
    tb.speedValue = ui.speed.value;
  }
  ui.speed.setAttribute("aria-label", L.speed);
  ui.speed.title = L.speed;
}

function playLabel(tb) {
  const L = tb.data.labels, b = tb.ui.buttons.play;
  b.textContent = tb.playing ? `❚❚ ${L.pause_short}` : `▶ ${L.play_short}`;
  b.setAttribute("aria-label", tb.playing ? L.pause : L.play);
  b.setAttribute("aria-pressed", tb.playing ? "true" : "false");
  b.title = tb.playing ? L.pause : L.play;
}

function fraction(tb, iso) {
  const lo = toMs(tb.data.min), hi = toMs(tb.data.max);
  return hi > lo ? (toMs(iso) - lo) / (hi - lo) : 0;
}

function draw(tb) {
  const { ui, data } = tb, iso = tb.shown;
  const pct = `${(fraction(tb, iso) * 100).toFixed(3)}%`;
  ui.thumb.style.left = pct;
  ui.fill.style.width = pct;
  ui.now.textContent = iso;
  const long = new Intl.DateTimeFormat(data.lang, { dateStyle: "long", timeZone: "UTC" })
    .format(new Date(toMs(iso)));
  // ARIA wants numbers: days since the first day; the text read out is the date in words
  const days = (d) => Math.round((toMs(d) - toMs(data.min)) / DAY);
  ui.slider.setAttribute("aria-valuemin", "0");
  ui.slider.setAttribute("aria-valuemax", String(days(data.max)));
  ui.slider.setAttribute("aria-valuenow", String(days(iso)));
  ui.slider.setAttribute("aria-valuetext", long);
  ui.slider.dataset.date = iso;
  ui.slider.dataset.max = data.max;
  ui.now.title = long;
  ui.buttons.prevYear.disabled = ui.buttons.prevMonth.disabled = iso <= data.min;
  ui.buttons.nextYear.disabled = ui.buttons.nextMonth.disabled = iso >= data.max;
  drawTicks(tb);
}

function drawTicks(tb) {
  const { ui, data } = tb;
  const width = ui.track.getBoundingClientRect().width;
  if (!width) return;
  const y0 = Number(data.min.slice(0, 4)), y1 = Number(data.max.slice(0, 4));
  const perYear = width / Math.max(1, (toMs(data.max) - toMs(data.min)) / (365.25 * DAY));
  const step = [1, 2, 5, 10, 20].find((s) => s * perYear >= 28) || 50; // a label is ~24 px
  const key = `${width}|${data.min}|${data.max}`;
  if (tb.ticksKey === key) return;
  tb.ticksKey = key;
  ui.ticks.replaceChildren();
  for (let y = y0; y <= y1; y++) {
    const iso = `${y}-01-01`;
    if (iso < data.min || iso > data.max) continue;
    const major = y % step === 0;
    const tick = el("span", { class: major ? "tb-tick major" : "tb-tick" }, ui.ticks);
    tick.style.left = `${(fraction(tb, iso) * 100).toFixed(3)}%`;
    if (major) el("span", { class: "tb-year", text: String(y) }, tick);
  }
}

// --- changing the date --------------------------------------------------------------------------

function send(tb, iso) {
  // numbered, and the number never repeats (even from a new copy of the control after a page
  // change), so a date sent twice still reaches Python as a change
  tb.n = Math.max(tb.n + 1, Date.now());
  tb.sends += 1;
  tb.sentAt = performance.now();
  tb.setStateValue("date", { value: iso, n: tb.n });
}

// A reader's step: shown at once, sent when the reader pauses (a held key sends once).
function step(tb, iso) {
  stopPlay(tb);
  tb.shown = clamp(iso, tb.data.min, tb.data.max);
  draw(tb);
  clearTimeout(tb.sendTimer);
  tb.sendTimer = setTimeout(() => {
    tb.sendTimer = null;
    if (tb.shown !== tb.data.date) send(tb, tb.shown);
  }, SEND_DELAY);
}

function byMonths(tb, n) {
  step(tb, addMonths(tb.shown, n));
}

function appIdle() {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute("data-test-script-state");
  return !state || state === "notRunning";
}

function whenIdle(fn, started = performance.now()) {
  if (appIdle() || performance.now() - started > PLAY_TIMEOUT) fn();
  else setTimeout(() => whenIdle(fn, started), 100);
}

function startPlay(tb) {
  clearTimeout(tb.sendTimer);
  tb.sendTimer = null;
  tb.playing = true;
  playLabel(tb);
  if (tb.shown >= tb.data.max) playTo(tb, tb.data.min); // at the end: from the beginning
  else playStep(tb);
}

function playStep(tb) {
  if (!tb.playing) return;
  if (tb.shown >= tb.data.max) {
    stopPlay(tb);
    return;
  }
  playTo(tb, clamp(addMonths(tb.shown, 12), tb.data.min, tb.data.max));
}

// Show and send one played date, then wait for the app to come back with it.
function playTo(tb, iso) {
  tb.shown = iso;
  tb.waitFor = iso;
  draw(tb);
  send(tb, iso);
  clearTimeout(tb.playTimer);
  tb.playTimer = setTimeout(() => stopPlay(tb), PLAY_TIMEOUT); // the app never came back
}

function scheduleNext(tb) {
  if (!tb.playing || tb.data.date !== tb.waitFor) return;
  clearTimeout(tb.playTimer);
  if (tb.waitFor >= tb.data.max) {
    stopPlay(tb); // the last year was shown: the end
    return;
  }
  const speed = Number(tb.ui.speed.value) * 1000;
  const wait = Math.max(MIN_SHOW, speed - (performance.now() - tb.sentAt));
  tb.waitFor = null;
  tb.playTimer = setTimeout(() => playStep(tb), wait);
}

function stopPlay(tb) {
  clearTimeout(tb.playTimer);
  tb.playTimer = null;
  tb.waitFor = null;
  if (tb.playing) {
    tb.playing = false;
    playLabel(tb);
  }
}

// --- pointer and keys ---------------------------------------------------------------------------

function dateAt(tb, clientX) {
  const r = tb.ui.track.getBoundingClientRect();
  const f = Math.min(1, Math.max(0, (clientX - r.left) / r.width));
  const lo = toMs(tb.data.min), hi = toMs(tb.data.max);
  const iso = toIso(lo + Math.round(f * (hi - lo) / DAY) * DAY);
  return clamp(`${iso.slice(0, 8)}01`, tb.data.min, tb.data.max); // a drag lands on a 1st
}

function wire(tb) {
  const { ui } = tb;
  ui.buttons.prevYear.addEventListener("click", () => byMonths(tb, -12));
  ui.buttons.prevMonth.addEventListener("click", () => byMonths(tb, -1));
  ui.buttons.nextMonth.addEventListener("click", () => byMonths(tb, 1));
  ui.buttons.nextYear.addEventListener("click", () => byMonths(tb, 12));
  ui.buttons.play.addEventListener("click", () => (tb.playing ? stopPlay(tb) : startPlay(tb)));
  ui.speed.addEventListener("change", () => {
    tb.speedValue = ui.speed.value;
    try { sessionStorage.setItem("atlas-tb-speed", ui.speed.value); } catch (e) { /* private */ }
  });
  let dragging = false;
  ui.slider.addEventListener("pointerdown", (e) => {
    dragging = true;
    ui.slider.setPointerCapture(e.pointerId);
    ui.slider.focus();
    stopPlay(tb);
    tb.shown = dateAt(tb, e.clientX);
    draw(tb);
  });
  ui.slider.addEventListener("pointermove", (e) => {
    if (!dragging) return;
    tb.shown = dateAt(tb, e.clientX);
    draw(tb);
  });
  const release = () => {
    if (!dragging) return;
    dragging = false;
    step(tb, tb.shown);
  };
  ui.slider.addEventListener("pointerup", release);
  ui.slider.addEventListener("pointercancel", release);
  ui.root.addEventListener("keydown", (e) => {
    if (e.target === ui.speed) return; // the speed list keeps its own keys
    const key = e.key, onSlider = e.target === ui.slider;
    let handled = true;
    if (key in KEYS_MONTH && (onSlider || !key.startsWith("ArrowU") && !key.startsWith("ArrowD"))) {
      byMonths(tb, KEYS_MONTH[key] * (e.shiftKey ? 12 : 1)); // ↑/↓ only on the slider itself
    }
    else if (key in KEYS_YEAR) byMonths(tb, KEYS_YEAR[key] * 12);
    else if (key === "Home") step(tb, tb.data.min);
    else if (key === "End") step(tb, tb.data.max);
    else handled = false;
    if (handled) e.preventDefault();
  });
}
